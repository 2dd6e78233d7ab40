package io.riffle.models.graph;

import java.util.HashMap;
import java.util.Map;

/**
 * A {@link NodeStore} that keeps every node as {@link NodeStateCodec} bytes in a {@link HashMap}, encoding on each
 * write and decoding on each read exactly as an operator on {@code MapState<String, byte[]>} (RocksDB) would. Used to
 * test the format end to end and to measure what serialization costs.
 */
public final class SerializedNodeStore implements NodeStore {
    private final Map<String, byte[]> bytes = new HashMap<>();
    private long bytesWritten;
    private long writes;

    @Override
    public boolean read(String id, NodeState target) {
        byte[] b = bytes.get(id);
        if (b == null) {
            return false;
        }
        NodeStateCodec.decode(b, target);
        return true;
    }

    @Override
    public void write(String id, NodeState state) {
        byte[] b = NodeStateCodec.encode(state);
        bytes.put(id, b);
        bytesWritten += b.length;
        writes++;
    }

    @Override
    public boolean readMemory(String id, NodeState scratch, float[] memory) {
        byte[] b = bytes.get(id);
        if (b == null) {
            return false;
        }
        NodeStateCodec.decodeMemory(b, memory);
        return true;
    }

    /** The stored bytes of node {@code id}, or null. */
    public byte[] get(String id) {
        return bytes.get(id);
    }

    public int size() {
        return bytes.size();
    }

    /** Total bytes currently stored (values only). */
    public long storedBytes() {
        long n = 0;
        for (byte[] b : bytes.values()) {
            n += b.length;
        }
        return n;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    public long writes() {
        return writes;
    }
}
