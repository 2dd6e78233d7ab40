package io.riffle.operators.reservoir;

import io.riffle.models.reservoir.forecast.SeriesKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys' decoded state kept on the heap between their points, least recently used first out, within a byte budget.
 * RocksDB stays the state of record: an entry changed since it was last written is written back when it is evicted
 * and at every checkpoint ({@link #flush}), so a checkpoint holds every key exactly as it is. A hot key then costs no
 * state round trip per point (a 44 kB parse and write at N = 100); a key read once per pass over more keys than fit
 * costs what it would without the cache.
 */
final class KeyCache {
    /** One key's state. {@code model} is null until a point of the key needs it. */
    static final class Entry {
        final String key;
        KeyMeta meta;
        SeriesKey model;
        long bytes;
        boolean dirty;

        Entry(String key, KeyMeta meta) {
            this.key = key;
            this.meta = meta;
        }
    }

    /** Writes an entry's meta and model (if loaded) to the keyed state of its key. */
    interface Store {
        void write(Entry e) throws Exception;
    }

    /** Bytes counted per entry besides its model. */
    static final long ENTRY_OVERHEAD = 256;

    private final long budgetBytes;
    private final Store store;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    KeyCache(long budgetBytes, Store store) {
        this.budgetBytes = budgetBytes;
        this.store = store;
    }

    /** The cached entry of {@code key} (now the most recently used), or null. */
    Entry get(String key) {
        return entries.get(key);
    }

    Entry add(String key, KeyMeta meta) {
        Entry e = new Entry(key, meta);
        e.bytes = ENTRY_OVERHEAD;
        bytes += e.bytes;
        entries.put(key, e);
        return e;
    }

    /** Records that {@code e} now holds a model of {@code modelBytes}. */
    void sized(Entry e, long modelBytes) {
        bytes += ENTRY_OVERHEAD + modelBytes - e.bytes;
        e.bytes = ENTRY_OVERHEAD + modelBytes;
    }

    void remove(String key) {
        Entry e = entries.remove(key);
        if (e != null) {
            bytes -= e.bytes;
        }
    }

    /** Evicts least recently used entries other than {@code keep} until the cache fits its budget. */
    void fit(String keep) throws Exception {
        if (bytes <= budgetBytes) {
            return;
        }
        for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext()
                && bytes > budgetBytes; ) {
            Entry e = it.next().getValue();
            if (e.key.equals(keep)) {
                continue;
            }
            if (e.dirty) {
                store.write(e);
            }
            it.remove();
            bytes -= e.bytes;
        }
    }

    /** Writes every changed entry (before a checkpoint); the entries stay cached. */
    void flush() throws Exception {
        List<Entry> dirty = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.dirty) {
                dirty.add(e);
            }
        }
        for (Entry e : dirty) {
            store.write(e);
            e.dirty = false;
        }
    }

    int size() {
        return entries.size();
    }

    long bytes() {
        return bytes;
    }
}
