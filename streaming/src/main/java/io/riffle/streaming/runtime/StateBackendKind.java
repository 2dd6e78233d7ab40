package io.riffle.streaming.runtime;

import java.util.Locale;

/**
 * Where a local run keeps its keyed state. Both checkpoint to the state directory and survive a failure alike; they
 * differ in what a record and a checkpoint cost.
 */
public enum StateBackendKind {
    /**
     * RocksDB on local disk, incremental checkpoints: state larger than memory (month-long replays, long attribution
     * windows), each checkpoint writing only what changed. Every state access (de)serializes through JNI.
     */
    ROCKSDB("rocksdb"),
    /**
     * Objects on the JVM heap, full asynchronous checkpoints: several times cheaper per state access, and timers are
     * snapshotted off the task thread (with RocksDB, heap timers are written on it). For live jobs whose state fits
     * in the heap: what the label join holds is about an attribution window of impressions.
     */
    HASHMAP("hashmap");

    private final String flinkName;

    StateBackendKind(String flinkName) {
        this.flinkName = flinkName;
    }

    /** The name Flink's {@code state.backend.type} and Riffle's {@code --state-backend} take. */
    public String flinkName() {
        return flinkName;
    }

    public static StateBackendKind parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (StateBackendKind k : values()) {
            if (k.flinkName.equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown state backend '" + name + "'; use rocksdb or hashmap");
    }
}
