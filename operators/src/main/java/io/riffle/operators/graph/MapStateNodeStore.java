package io.riffle.operators.graph;

import io.riffle.models.graph.NodeState;
import io.riffle.models.graph.NodeStateCodec;
import io.riffle.models.graph.NodeStore;
import org.apache.flink.api.common.state.MapState;

/**
 * Node states in keyed {@code MapState<String, byte[]>} (RocksDB in a job): one entry per node id under the graph's
 * key, encoded by {@link NodeStateCodec}. Reads and writes go straight to the state backend, so the graph may be far
 * larger than the heap. The caller must have set the graph's key.
 */
final class MapStateNodeStore implements NodeStore {
    private final MapState<String, byte[]> nodes;

    MapStateNodeStore(MapState<String, byte[]> nodes) {
        this.nodes = nodes;
    }

    @Override
    public boolean read(String id, NodeState target) {
        byte[] bytes = get(id);
        if (bytes == null) {
            return false;
        }
        NodeStateCodec.decode(bytes, target);
        return true;
    }

    @Override
    public void write(String id, NodeState state) {
        try {
            nodes.put(id, NodeStateCodec.encode(state));
        } catch (Exception e) {
            throw new IllegalStateException("writing node '" + id + "' to the state backend failed", e);
        }
    }

    @Override
    public boolean readMemory(String id, NodeState scratch, float[] memory) {
        byte[] bytes = get(id);
        if (bytes == null) {
            return false;
        }
        NodeStateCodec.decodeMemory(bytes, memory);
        return true;
    }

    private byte[] get(String id) {
        try {
            return nodes.get(id);
        } catch (Exception e) {
            throw new IllegalStateException("reading node '" + id + "' from the state backend failed", e);
        }
    }
}
