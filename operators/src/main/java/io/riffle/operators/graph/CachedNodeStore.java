package io.riffle.operators.graph;

import io.riffle.models.graph.NodeState;
import io.riffle.models.graph.NodeStateCodec;
import io.riffle.models.graph.NodeStore;
import io.riffle.models.graph.TgnConfig;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A write-back cache of decoded node states in front of the keyed {@code MapState} ({@link MapStateNodeStore}): the
 * most recently used {@code capacity} nodes stay decoded on the heap, so a busy node is not decoded from and encoded
 * into RocksDB at every interaction. A state written to the cache reaches the backing store when it is evicted or at
 * {@link #flush()}, which the operator calls in {@code snapshotState}, so every checkpoint holds every node exactly as
 * an uncached run would. Values never depend on the cache: the codec round-trips states bit for bit.
 *
 * <p>Memory: about 1 kB plus 30 bytes per remembered neighbour per cached node at d = 100.
 */
final class CachedNodeStore implements NodeStore {
    private final NodeStore backing;
    private final TgnConfig config;
    private final int capacity;
    private final LinkedHashMap<String, Entry> cache;
    private final ArrayDeque<NodeState> free = new ArrayDeque<>();
    private long hits;
    private long misses;

    private static final class Entry {
        final NodeState state;
        boolean dirty;

        Entry(NodeState state) {
            this.state = state;
        }
    }

    /**
     * @param backing  the store of record (the operator's MapState)
     * @param capacity nodes kept decoded, at least 1
     */
    CachedNodeStore(NodeStore backing, TgnConfig config, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("node cache capacity must be at least 1, got " + capacity);
        }
        this.backing = backing;
        this.config = config;
        this.capacity = capacity;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                if (size() <= CachedNodeStore.this.capacity) {
                    return false;
                }
                Entry e = eldest.getValue();
                if (e.dirty) {
                    backing.write(eldest.getKey(), e.state);
                }
                free.push(e.state);
                return true;
            }
        };
    }

    @Override
    public boolean read(String id, NodeState target) {
        Entry e = cache.get(id);
        if (e != null) {
            hits++;
            target.copyFrom(e.state);
            return true;
        }
        misses++;
        NodeState s = newState();
        if (!backing.read(id, s)) {
            free.push(s);
            return false;
        }
        cache.put(id, new Entry(s));
        target.copyFrom(s);
        return true;
    }

    @Override
    public void write(String id, NodeState state) {
        Entry e = cache.get(id);
        if (e == null) {
            e = new Entry(newState());
            cache.put(id, e);
        }
        e.state.copyFrom(state);
        e.dirty = true;
    }

    @Override
    public boolean readMemory(String id, NodeState scratch, float[] memory) {
        Entry e = cache.get(id);
        if (e != null) {
            System.arraycopy(e.state.memory(), 0, memory, 0, memory.length);
            return true;
        }
        return backing.readMemory(id, scratch, memory);
    }

    /** Writes every state changed since the last flush to the backing store. */
    void flush() {
        for (Iterator<Map.Entry<String, Entry>> it = cache.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Entry> me = it.next();
            if (me.getValue().dirty) {
                backing.write(me.getKey(), me.getValue().state);
                me.getValue().dirty = false;
            }
        }
    }

    /** Fraction of reads served from the cache. */
    double hitRate() {
        return hits + misses == 0 ? Double.NaN : (double) hits / (hits + misses);
    }

    private NodeState newState() {
        NodeState s = free.poll();
        return s != null ? s : NodeState.forConfig(config);
    }
}
