package io.riffle.streaming.runtime;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a job runs: where its state lives, how often it checkpoints, and whether it resumes.
 *
 * <p>A local run (the default) keeps RocksDB (or, with {@code --state-backend hashmap}, heap) state and checkpoints
 * under {@code stateDir} and resumes from the latest one. A <em>cluster</em> run ({@code --cluster}: submitted to a
 * Flink cluster, e.g. in application mode by the Flink Kubernetes Operator, {@code k8s/}) leaves the state backend,
 * checkpoint and savepoint storage, the restart strategy and the savepoint to restore to the cluster's Flink
 * configuration: there they are the cluster's business (a bucket, the operator's savepoint upgrades), and a local
 * path would override them.
 *
 * @param stateDir           RocksDB working files and checkpoints go under it; null in a cluster run
 * @param checkpointInterval time between checkpoints (a property of the job in either case: Kafka transactions are
 *                           sized against it)
 * @param resumeFrom         a retained checkpoint (or savepoint) to resume from, or null for a fresh start; always
 *                           null in a cluster run
 * @param restartAttempts    how many times a failed job restarts from its last checkpoint before giving up (local)
 * @param cluster            whether the job runs in a Flink cluster, configured by it
 * @param stateBackend       where a local run keeps keyed state; null in a cluster run (its configuration says)
 */
public record RuntimeSettings(Path stateDir, Duration checkpointInterval, Path resumeFrom, int restartAttempts,
                              boolean cluster, StateBackendKind stateBackend) {
    public RuntimeSettings {
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("--checkpoint-interval must be > 0, got " + checkpointInterval);
        }
        if (restartAttempts < 0) {
            throw new IllegalArgumentException("restart attempts must be >= 0, got " + restartAttempts);
        }
        if (cluster && (stateDir != null || resumeFrom != null)) {
            throw new IllegalArgumentException("a cluster run takes its state directory and the savepoint to restore"
                    + " from the cluster's Flink configuration");
        }
        if (!cluster && stateDir == null) {
            throw new IllegalArgumentException("a local run needs a state directory");
        }
        if (cluster && stateBackend != null) {
            throw new IllegalArgumentException("--state-backend does not apply with --cluster: set state.backend.type"
                    + " in the cluster's Flink configuration");
        }
        if (!cluster && stateBackend == null) {
            throw new IllegalArgumentException("a local run needs a state backend");
        }
    }

    /** A local run. */
    public RuntimeSettings(Path stateDir, Duration checkpointInterval, Path resumeFrom, int restartAttempts) {
        this(stateDir, checkpointInterval, resumeFrom, restartAttempts, false, StateBackendKind.ROCKSDB);
    }

    /** The same local run with its keyed state in {@code backend}. */
    public RuntimeSettings withStateBackend(StateBackendKind backend) {
        return new RuntimeSettings(stateDir, checkpointInterval, resumeFrom, restartAttempts, cluster, backend);
    }

    /** A run inside a Flink cluster: state, checkpoints, restarts and restores as the cluster is configured. */
    public static RuntimeSettings cluster(Duration checkpointInterval) {
        return new RuntimeSettings(null, checkpointInterval, null, 0, true, null);
    }

    /**
     * Where a local run's checkpoints go.
     *
     * @throws IllegalStateException in a cluster run, whose checkpoints go where the cluster's configuration says
     */
    public Path checkpointDir() {
        if (cluster) {
            throw new IllegalStateException("a cluster run's checkpoints go to the cluster's"
                    + " execution.checkpointing.dir, not to a local directory");
        }
        return stateDir.resolve("checkpoints");
    }
}
