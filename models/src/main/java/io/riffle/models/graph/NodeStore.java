package io.riffle.models.graph;

/**
 * Where the temporal graph learner keeps per-node state ({@link NodeState}), keyed by node id. The learner only ever
 * copies a state in ({@link #read}) and out ({@link #write}), never holds on to the store's objects, so a store can
 * keep live objects ({@link InMemoryNodeStore}) or bytes ({@link SerializedNodeStore}, or a Flink operator's
 * {@code MapState<String, byte[]>} on RocksDB through {@link NodeStateCodec}) and graphs larger than memory work.
 *
 * <p>Within one call of the learner each node is read at most once and written at most once, after all reads, and
 * only nodes that took part in an interaction are written (sampled negatives and attended neighbours are read only).
 */
public interface NodeStore {
    /**
     * Copies node {@code id}'s state into {@code target} and returns true, or returns false, leaving {@code target}
     * untouched, when the node has never been written.
     */
    boolean read(String id, NodeState target);

    /** Stores a copy of {@code state} as node {@code id}'s (the store must not keep {@code state} itself). */
    void write(String id, NodeState state);

    /**
     * Copies only node {@code id}'s memory into {@code memory} ({@code d} floats); returns false, leaving it untouched,
     * for an unknown node. Stores that can read the memory alone cheaply should override this.
     */
    default boolean readMemory(String id, NodeState scratch, float[] memory) {
        if (!read(id, scratch)) {
            return false;
        }
        System.arraycopy(scratch.memory(), 0, memory, 0, memory.length);
        return true;
    }
}
