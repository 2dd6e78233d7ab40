package io.riffle.models.graph;

import java.util.Arrays;

/**
 * Everything the temporal graph learner keeps about one node: the record a {@link NodeStore} reads and writes
 * (serialized by {@link NodeStateCodec}).
 *
 * <ul>
 *   <li>the TGN memory s (d floats) and the time of the last message applied to it;</li>
 *   <li>the pending raw message (TGN stores a node's message and applies it only when the node is next involved):
 *       the other endpoint's memory at the time, the event time, the edge features, and how many interactions of
 *       one micro-batch it stands for;</li>
 *   <li>the PRES transition mean (d floats, only when PRES is on);</li>
 *   <li>an exponentially decayed degree (popularity) and an interaction count;</li>
 *   <li>a bounded table of distinct neighbours with the last time and count of interactions in each direction
 *       (EdgeBank, recency, common neighbours, historical negatives and attention read it).</li>
 * </ul>
 *
 * <p>Mutable and reused (the learner pools them); not thread-safe. Arrays returned by accessors are the live state:
 * read them, do not keep or modify them.
 */
public final class NodeState {
    /** Marks a time that never happened (no memory update yet, no interaction in a direction). */
    public static final long NEVER = Long.MIN_VALUE;

    final int memoryDim;
    final int edgeDim;
    final boolean pres;
    final float[] memory;
    long memoryTime = NEVER;
    long interactions;
    float popularity;
    long popularityTime = NEVER;
    boolean hasPending;
    long pendingTime;
    int pendingCount;
    final float[] pendingOther;
    final float[] pendingFeatures;
    final float[] presMean;
    int presCount;
    int neighbourCount;
    String[] neighbourIds = new String[4];
    long[] lastOut = new long[4];
    long[] lastIn = new long[4];
    int[] countOut = new int[4];
    int[] countIn = new int[4];

    public NodeState(int memoryDim, int edgeDim, boolean pres) {
        if (memoryDim < 1 || edgeDim < 0) {
            throw new IllegalArgumentException("node state needs memoryDim >= 1 and edgeDim >= 0, got " + memoryDim
                    + " and " + edgeDim);
        }
        this.memoryDim = memoryDim;
        this.edgeDim = edgeDim;
        this.pres = pres;
        this.memory = new float[memoryDim];
        this.pendingOther = new float[memoryDim];
        this.pendingFeatures = new float[edgeDim];
        this.presMean = pres ? new float[memoryDim] : null;
    }

    /** A fresh state shaped for {@code config}. */
    public static NodeState forConfig(TgnConfig config) {
        return new NodeState(config.memoryDim(), config.edgeFeatureDim(), config.pres().enabled());
    }

    /** Back to a node never seen: zero memory, no pending message, no neighbours. */
    public void reset() {
        Arrays.fill(memory, 0f);
        memoryTime = NEVER;
        interactions = 0;
        popularity = 0f;
        popularityTime = NEVER;
        hasPending = false;
        pendingTime = 0;
        pendingCount = 0;
        Arrays.fill(pendingOther, 0f);
        Arrays.fill(pendingFeatures, 0f);
        if (presMean != null) {
            Arrays.fill(presMean, 0f);
        }
        presCount = 0;
        Arrays.fill(neighbourIds, 0, neighbourCount, null);
        neighbourCount = 0;
    }

    /** Makes this an exact copy of {@code other} (same shape required). */
    public void copyFrom(NodeState other) {
        requireSameShape(other);
        System.arraycopy(other.memory, 0, memory, 0, memoryDim);
        memoryTime = other.memoryTime;
        interactions = other.interactions;
        popularity = other.popularity;
        popularityTime = other.popularityTime;
        hasPending = other.hasPending;
        pendingTime = other.pendingTime;
        pendingCount = other.pendingCount;
        System.arraycopy(other.pendingOther, 0, pendingOther, 0, memoryDim);
        System.arraycopy(other.pendingFeatures, 0, pendingFeatures, 0, edgeDim);
        if (presMean != null) {
            System.arraycopy(other.presMean, 0, presMean, 0, memoryDim);
        }
        presCount = other.presCount;
        int n = other.neighbourCount;
        ensureNeighbourCapacity(n);
        Arrays.fill(neighbourIds, n, Math.max(n, neighbourCount), null);
        System.arraycopy(other.neighbourIds, 0, neighbourIds, 0, n);
        System.arraycopy(other.lastOut, 0, lastOut, 0, n);
        System.arraycopy(other.lastIn, 0, lastIn, 0, n);
        System.arraycopy(other.countOut, 0, countOut, 0, n);
        System.arraycopy(other.countIn, 0, countIn, 0, n);
        neighbourCount = n;
    }

    void requireSameShape(NodeState other) {
        if (other.memoryDim != memoryDim || other.edgeDim != edgeDim || other.pres != pres) {
            throw new IllegalArgumentException("node states differ in shape: memory " + other.memoryDim + " vs "
                    + memoryDim + ", edge features " + other.edgeDim + " vs " + edgeDim + ", pres " + other.pres
                    + " vs " + pres);
        }
    }

    // ------------------------------------------------------------------ reading

    public int memoryDim() {
        return memoryDim;
    }

    public int edgeDim() {
        return edgeDim;
    }

    public boolean presEnabled() {
        return pres;
    }

    /** The memory s (live array, d floats). */
    public float[] memory() {
        return memory;
    }

    /** Time of the last message applied to the memory, or {@link #NEVER}. */
    public long memoryTime() {
        return memoryTime;
    }

    public long interactions() {
        return interactions;
    }

    public boolean hasPendingMessage() {
        return hasPending;
    }

    public long pendingTime() {
        return pendingTime;
    }

    public int pendingCount() {
        return pendingCount;
    }

    /** The other endpoint's memory stored with the pending message (live array). */
    public float[] pendingOther() {
        return pendingOther;
    }

    public float[] pendingFeatures() {
        return pendingFeatures;
    }

    /** The PRES transition mean (live array), or null when PRES is off. */
    public float[] presMean() {
        return presMean;
    }

    public int presCount() {
        return presCount;
    }

    public int neighbourCount() {
        return neighbourCount;
    }

    public String neighbourId(int i) {
        return neighbourIds[i];
    }

    public long lastOut(int i) {
        return lastOut[i];
    }

    public long lastIn(int i) {
        return lastIn[i];
    }

    public int countOut(int i) {
        return countOut[i];
    }

    public int countIn(int i) {
        return countIn[i];
    }

    /** The latest interaction with neighbour i in either direction. */
    public long lastAny(int i) {
        return Math.max(lastOut[i], lastIn[i]);
    }

    /** Index of {@code id} in the neighbour table, or -1. */
    public int findNeighbour(String id) {
        int h = id.hashCode();
        String[] ids = neighbourIds;
        for (int i = 0; i < neighbourCount; i++) {
            String s = ids[i];
            if (s.hashCode() == h && s.equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** The popularity (decayed degree) at {@code time}: {@code p · 2^(−(time − t_p)/halfLife)}; 0 if never active. */
    public double popularityAt(long time, double halfLife) {
        if (popularityTime == NEVER) {
            return 0;
        }
        double age = Math.max(0, (double) time - popularityTime);
        return popularity * Math.pow(2, -age / halfLife);
    }

    // ------------------------------------------------------------------ updating (package-private: the learner's)

    /** Records an interaction with {@code id} at {@code time}; returns true when a neighbour had to be evicted. */
    boolean recordNeighbour(String id, long time, boolean outgoing, int capacity) {
        int i = findNeighbour(id);
        boolean evicted = false;
        if (i < 0) {
            if (neighbourCount < capacity) {
                ensureNeighbourCapacity(neighbourCount + 1);
                i = neighbourCount++;
            } else {
                i = leastRecent();
                evicted = true;
            }
            neighbourIds[i] = id;
            lastOut[i] = NEVER;
            lastIn[i] = NEVER;
            countOut[i] = 0;
            countIn[i] = 0;
        }
        if (outgoing) {
            lastOut[i] = Math.max(lastOut[i], time);
            countOut[i] = saturatingIncrement(countOut[i]);
        } else {
            lastIn[i] = Math.max(lastIn[i], time);
            countIn[i] = saturatingIncrement(countIn[i]);
        }
        return evicted;
    }

    void recordActivity(long time, double halfLife) {
        popularity = (float) (popularityAt(time, halfLife) + 1);
        popularityTime = popularityTime == NEVER ? time : Math.max(popularityTime, time);
        interactions++;
    }

    private int leastRecent() {
        int best = 0;
        long bestTime = lastAny(0);
        for (int i = 1; i < neighbourCount; i++) {
            long t = lastAny(i);
            if (t < bestTime) {
                best = i;
                bestTime = t;
            }
        }
        return best;
    }

    private static int saturatingIncrement(int c) {
        return c == Integer.MAX_VALUE ? c : c + 1;
    }

    void ensureNeighbourCapacity(int n) {
        if (n > neighbourIds.length) {
            int size = Math.max(n, neighbourIds.length * 2);
            neighbourIds = Arrays.copyOf(neighbourIds, size);
            lastOut = Arrays.copyOf(lastOut, size);
            lastIn = Arrays.copyOf(lastIn, size);
            countOut = Arrays.copyOf(countOut, size);
            countIn = Arrays.copyOf(countIn, size);
        }
    }

    /** True when both states hold bit-identical values (neighbour tables compared in order). */
    public boolean sameState(NodeState o) {
        if (o.memoryDim != memoryDim || o.edgeDim != edgeDim || o.pres != pres) {
            return false;
        }
        if (!Arrays.equals(memory, o.memory) || memoryTime != o.memoryTime || interactions != o.interactions
                || Float.floatToRawIntBits(popularity) != Float.floatToRawIntBits(o.popularity)
                || popularityTime != o.popularityTime || hasPending != o.hasPending || presCount != o.presCount
                || neighbourCount != o.neighbourCount) {
            return false;
        }
        if (hasPending && (pendingTime != o.pendingTime || pendingCount != o.pendingCount
                || !Arrays.equals(pendingOther, o.pendingOther) || !Arrays.equals(pendingFeatures, o.pendingFeatures))) {
            return false;
        }
        if (pres && !Arrays.equals(presMean, o.presMean)) {
            return false;
        }
        for (int i = 0; i < neighbourCount; i++) {
            if (!neighbourIds[i].equals(o.neighbourIds[i]) || lastOut[i] != o.lastOut[i] || lastIn[i] != o.lastIn[i]
                    || countOut[i] != o.countOut[i] || countIn[i] != o.countIn[i]) {
                return false;
            }
        }
        return true;
    }
}
