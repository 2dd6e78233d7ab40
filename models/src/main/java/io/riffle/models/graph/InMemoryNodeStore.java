package io.riffle.models.graph;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A {@link NodeStore} on a {@link HashMap} of live {@link NodeState} objects (tests, benchmarks, and jobs whose graph
 * fits in memory). Reads and writes copy, so the learner and the store never share an object.
 */
public final class InMemoryNodeStore implements NodeStore {
    private final Map<String, NodeState> states = new HashMap<>();

    @Override
    public boolean read(String id, NodeState target) {
        NodeState s = states.get(id);
        if (s == null) {
            return false;
        }
        target.copyFrom(s);
        return true;
    }

    @Override
    public void write(String id, NodeState state) {
        NodeState s = states.get(id);
        if (s == null) {
            s = new NodeState(state.memoryDim(), state.edgeDim(), state.presEnabled());
            states.put(id, s);
        }
        s.copyFrom(state);
    }

    @Override
    public boolean readMemory(String id, NodeState scratch, float[] memory) {
        NodeState s = states.get(id);
        if (s == null) {
            return false;
        }
        System.arraycopy(s.memory(), 0, memory, 0, memory.length);
        return true;
    }

    public int size() {
        return states.size();
    }

    /** Visits every node's state (live objects: read only). */
    public void forEach(BiConsumer<String, NodeState> visitor) {
        states.forEach(visitor);
    }

    /** Every node encoded with {@link NodeStateCodec}, sorted by id (a snapshot). */
    public TreeMap<String, byte[]> snapshot() {
        TreeMap<String, byte[]> out = new TreeMap<>();
        states.forEach((id, s) -> out.put(id, NodeStateCodec.encode(s)));
        return out;
    }

    /** A store holding the decoded {@code snapshot}, with states shaped for {@code config}. */
    public static InMemoryNodeStore restore(Map<String, byte[]> snapshot, TgnConfig config) {
        InMemoryNodeStore store = new InMemoryNodeStore();
        snapshot.forEach((id, bytes) -> {
            NodeState s = NodeState.forConfig(config);
            NodeStateCodec.decode(bytes, s);
            store.states.put(id, s);
        });
        return store;
    }

    /** An independent deep copy. */
    public InMemoryNodeStore copy() {
        InMemoryNodeStore c = new InMemoryNodeStore();
        states.forEach((id, s) -> c.write(id, s));
        return c;
    }
}
