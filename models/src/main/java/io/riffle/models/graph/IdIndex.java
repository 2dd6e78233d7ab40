package io.riffle.models.graph;

import java.util.Arrays;

/** A small open-addressing map from node id to a dense index, cleared in O(size) and reused (no per-event garbage). */
final class IdIndex {
    private String[] keys = new String[64];
    private int[] values = new int[64];
    private int[] used = new int[32];
    private int size;

    int size() {
        return size;
    }

    /** The index stored for {@code id}, or -1. */
    int get(String id) {
        int mask = keys.length - 1;
        int i = mix(id.hashCode()) & mask;
        while (true) {
            String k = keys[i];
            if (k == null) {
                return -1;
            }
            if (k.hashCode() == id.hashCode() && k.equals(id)) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
    }

    /** Stores {@code id → value}; the id must not be present. */
    void put(String id, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(id.hashCode()) & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = id;
        values[i] = value;
        if (size == used.length) {
            used = Arrays.copyOf(used, size * 2);
        }
        used[size++] = i;
    }

    void clear() {
        for (int k = 0; k < size; k++) {
            keys[used[k]] = null;
        }
        size = 0;
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldValues = values;
        int[] oldUsed = used;
        int oldSize = size;
        keys = new String[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        used = new int[Math.max(32, oldUsed.length)];
        size = 0;
        for (int k = 0; k < oldSize; k++) {
            int slot = oldUsed[k];
            put(oldKeys[slot], oldValues[slot]);
        }
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
