package io.riffle.streaming.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Flink configuration every Riffle job runs with: RocksDB state with incremental checkpoints (or heap state,
 * {@link StateBackendKind#HASHMAP}) to the state directory, retained when a job is cancelled or dies (so the same
 * command can resume it), no silent Kryo fallback ({@code pipeline.generic-types: false}), and no auto-generated
 * operator uids (every operator must name its uid, or the job fails to build: savepoints depend on it). In a cluster
 * run ({@link RuntimeSettings#cluster()}) the state backend, checkpoint storage, restart strategy and restore come
 * from the cluster's configuration instead.
 */
public final class FlinkSetup {
    private FlinkSetup() {}

    public static Configuration configuration(RuntimeSettings runtime) {
        Configuration conf = new Configuration();
        if (!runtime.cluster()) {
            // In a cluster these come from its Flink configuration (k8s/: a bucket, the operator's savepoints); set
            // here they would override it, since a program's configuration wins over the cluster's.
            conf.set(StateBackendOptions.STATE_BACKEND, runtime.stateBackend().flinkName());
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, runtime.checkpointDir().toUri().toString());
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
            // Absolute: RocksDB rejects a relative local directory ("Relative paths are not supported").
            conf.setString("state.backend.rocksdb.localdir",
                    runtime.stateDir().toAbsolutePath().resolve("rocksdb").toString());
            // Network buffers of 128 KiB (Flink's default is 32 KiB), and four times the network memory, so as many
            // of them: Flink 2 fixes how many buffers a channel may hold, so their size sets how long an operator may
            // pause before its upstream must wait too. At each checkpoint the label join waits 0.1-0.7 s for RocksDB
            // to flush its memtable; the featurizer, which also feeds the scorer, has 4 times as long now before the
            // join's full channel stops it, and scoring with it. (k8s/: the same segment size.)
            conf.set(TaskManagerOptions.MEMORY_SEGMENT_SIZE, MemorySize.parse("128kb"));
            conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("256mb"));
            conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("256mb"));
            // Bloom filters in RocksDB's files (10 bits per key): the label join looks up every new impression id,
            // which is not there yet, and without a filter each miss searches every file that might hold it. With
            // them the join took a fifth less CPU in the live benchmark (README, "Live serving and latency"). (k8s/:
            // the same.)
            conf.setString("state.backend.rocksdb.use-bloom-filter", "true");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, runtime.restartAttempts());
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
            checkSameBackend(runtime);
            if (runtime.resumeFrom() != null) {
                conf.set(StateRecoveryOptions.SAVEPOINT_PATH, runtime.resumeFrom().toUri().toString());
            }
        }
        // The interval belongs to the job in both cases: exactly-once Kafka transactions are sized against it.
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, runtime.checkpointInterval());
        // Unaligned checkpoints: the scorer has a second input, the trainer's model versions, whose barrier comes only
        // after the label join and the trainer have taken their own snapshots. Aligned, the scorer would stop scoring
        // for that long at every checkpoint (tens to hundreds of milliseconds with RocksDB); unaligned, it snapshots
        // on the first barrier and the versions in flight are stored with the checkpoint.
        conf.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
        conf.set(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT, Duration.ZERO);
        // Timers on the heap: RocksDB-backed timers cost several times more per registration and firing (a live job
        // at 5,000 impressions/s fell seconds behind with them, when the label join still had one per impression).
        // With RocksDB state, heap timers are checkpointed in full on the task thread: the label join keeps them few
        // (one per key group and granule of its deadlines).
        conf.setString("state.backend.rocksdb.timer-service.factory", "HEAP");
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        // Records between chained operators are passed, not copied: every record type here is immutable and no
        // operator changes what it receives (buffering operators keep the object they were given).
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        return conf;
    }

    /**
     * A retained checkpoint is in its backend's own format: RocksDB's cannot be restored into the heap backend, nor the
     * reverse. The state directory remembers which backend wrote it, so a resume with the other one fails here, with
     * what to do, rather than deep in Flink's restore.
     */
    private static void checkSameBackend(RuntimeSettings runtime) {
        Path marker = runtime.stateDir().resolve("state-backend");
        String wanted = runtime.stateBackend().flinkName();
        try {
            if (runtime.resumeFrom() != null && Files.exists(marker)) {
                String written = Files.readString(marker, StandardCharsets.UTF_8).trim();
                if (!written.equals(wanted)) {
                    throw new IllegalArgumentException("the checkpoints in " + runtime.stateDir() + " were written"
                            + " with --state-backend " + written + "; resume with --state-backend " + written
                            + ", or start over with --fresh");
                }
            }
            Files.createDirectories(runtime.stateDir());
            Files.writeString(marker, wanted + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + marker, e);
        }
    }

    /**
     * An environment with {@link #configuration}: a local MiniCluster when run outside a Flink cluster; the cluster's
     * environment (its configuration merged under this one) when submitted to one.
     */
    public static StreamExecutionEnvironment environment(RuntimeSettings runtime) {
        return StreamExecutionEnvironment.getExecutionEnvironment(configuration(runtime));
    }
}
