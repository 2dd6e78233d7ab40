package io.riffle.models.ctr;

import java.util.Arrays;

/**
 * The set of coordinates changed since it was last drained: a bitmap for O(1) membership plus the list of members in
 * first-touch order. Adding never allocates once the list has grown to the working-set size.
 */
public final class TouchedSet {
    private final long[] bits;
    private int[] members;
    private int size;

    public TouchedSet(int capacity) {
        bits = new long[(capacity + 63) >>> 6];
        members = new int[Math.min(capacity, 1024)];
    }

    public void add(int index) {
        long mask = 1L << index;
        int word = index >>> 6;
        if ((bits[word] & mask) == 0) {
            bits[word] |= mask;
            if (size == members.length) {
                members = Arrays.copyOf(members, members.length * 2);
            }
            members[size++] = index;
        }
    }

    public int size() {
        return size;
    }

    /** The members in ascending order; the set is unchanged. */
    public int[] toSortedArray() {
        int[] out = Arrays.copyOf(members, size);
        Arrays.sort(out);
        return out;
    }

    /** Copies the members in ascending order and empties the set. */
    public int[] drainSorted() {
        int[] out = Arrays.copyOf(members, size);
        Arrays.sort(out);
        for (int i = 0; i < size; i++) {
            bits[members[i] >>> 6] = 0;
        }
        size = 0;
        return out;
    }
}
