package io.riffle.models.graph;

import io.riffle.models.nn.Rng;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Draws negative destinations: uniformly among the nodes seen so far (a reservoir of at most {@code capacity} ids,
 * Vitter's Algorithm R over first sightings, exact while fewer nodes have been seen), or among the source's past
 * destinations (its neighbour table). Each caller passes its own random stream, so training and evaluation draws
 * never interleave. The reservoir has its own stream too.
 *
 * <p>State (reservoir, counts, reservoir stream) is checkpointed with {@link #write} / {@link #read}.
 */
final class NodeSampler {
    private static final int RETRIES = 8;
    private final int capacity;
    private String[] ids = new String[16];
    private int size;
    private long seen;
    private final Rng reservoirRng;

    NodeSampler(int capacity, Rng reservoirRng) {
        this.capacity = capacity;
        this.reservoirRng = reservoirRng;
    }

    long seen() {
        return seen;
    }

    int size() {
        return size;
    }

    /** Adds a node seen for the first time. */
    void register(String id) {
        seen++;
        if (size < capacity) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, Math.min(capacity, size * 2));
            }
            ids[size++] = id;
        } else {
            long j = (reservoirRng.nextLong() >>> 1) % seen;
            if (j < capacity) {
                ids[(int) j] = id;
            }
        }
    }

    /** A uniformly random seen node other than the two given, or null when there is none (after a few tries). */
    String random(Rng rng, String excludeA, String excludeB) {
        if (size == 0) {
            return null;
        }
        for (int t = 0; t < RETRIES; t++) {
            String id = ids[rng.nextInt(size)];
            if (!id.equals(excludeA) && !id.equals(excludeB)) {
                return id;
            }
        }
        return null;
    }

    /** A uniformly random past destination of {@code source} other than the two given, or null. */
    static String historical(Rng rng, NodeState source, String excludeA, String excludeB) {
        int n = 0;
        for (int i = 0; i < source.neighbourCount; i++) {
            if (source.countOut[i] > 0 && !source.neighbourIds[i].equals(excludeA)
                    && !source.neighbourIds[i].equals(excludeB)) {
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        int pick = rng.nextInt(n);
        for (int i = 0; i < source.neighbourCount; i++) {
            if (source.countOut[i] > 0 && !source.neighbourIds[i].equals(excludeA)
                    && !source.neighbourIds[i].equals(excludeB)) {
                if (pick-- == 0) {
                    return source.neighbourIds[i];
                }
            }
        }
        throw new AssertionError();
    }

    /**
     * With probability {@code historicalFraction} a historical destination of the source, otherwise (or when it has
     * none) a random seen node; never the source or the true destination. Null when no candidate exists.
     */
    String sample(Rng rng, double historicalFraction, NodeState sourceState, String source, String destination) {
        if (historicalFraction > 0 && rng.nextDouble() < historicalFraction) {
            String h = historical(rng, sourceState, source, destination);
            if (h != null) {
                return h;
            }
        }
        return random(rng, source, destination);
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(capacity);
        out.writeLong(seen);
        out.writeLong(reservoirRng.state());
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeUTF(ids[i]);
        }
    }

    void read(DataInput in) throws IOException {
        int cap = in.readInt();
        if (cap != capacity) {
            throw new IOException("sampler state has capacity " + cap + ", this model uses " + capacity);
        }
        long s = in.readLong();
        long rngState = in.readLong();
        int n = in.readInt();
        if (n < 0 || n > capacity || s < n) {
            throw new IOException("sampler state is inconsistent: " + n + " ids of " + s + " seen");
        }
        String[] read = new String[Math.max(16, n)];
        for (int i = 0; i < n; i++) {
            read[i] = in.readUTF();
        }
        ids = read;
        size = n;
        seen = s;
        reservoirRng.setState(rngState);
    }

    boolean sameState(NodeSampler o) {
        return capacity == o.capacity && seen == o.seen && size == o.size
                && reservoirRng.state() == o.reservoirRng.state()
                && Arrays.equals(ids, 0, size, o.ids, 0, o.size);
    }

    NodeSampler copy() {
        NodeSampler c = new NodeSampler(capacity, new Rng(reservoirRng.state()));
        c.ids = Arrays.copyOf(ids, ids.length);
        c.size = size;
        c.seen = seen;
        return c;
    }
}
