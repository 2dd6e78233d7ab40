package io.riffle.streaming.cli;

import io.riffle.streaming.runtime.Checkpoints;
import io.riffle.streaming.runtime.RuntimeSettings;
import io.riffle.streaming.runtime.StateBackendKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where a job writes and keeps its state, shared by every {@code run} command. */
public final class RuntimeOptions {
    /** Options that only a local run has: in a cluster, its Flink configuration says these. */
    static final List<String> LOCAL_ONLY = List.of("--state-dir", "--state-backend", "--fresh", "--restart-attempts");

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output directory: predictions, metrics, dead letters, model versions, model, summary.")
    Path out;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "RocksDB state and checkpoints (default: OUT/state). Re-running the same command after a"
                    + " crash resumes from the latest checkpoint here.")
    Path stateDir;

    @Option(names = "--state-backend", defaultValue = "rocksdb", converter = StateBackendConverter.class,
            paramLabel = "rocksdb|hashmap",
            description = "Where keyed state lives: rocksdb (default: state larger than memory, incremental"
                    + " checkpoints) or hashmap (on the heap: several times cheaper per record and no checkpoint"
                    + " pause on the task threads, for live jobs whose state fits in memory).")
    StateBackendKind stateBackend;

    @Option(names = "--checkpoint-interval", defaultValue = "10s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Time between checkpoints (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--restart-attempts", defaultValue = "3", paramLabel = "N",
            description = "Restarts from the last checkpoint after a failure before giving up"
                    + " (default: ${DEFAULT-VALUE}).")
    int restartAttempts;

    @Option(names = "--fresh", description = "Start from scratch even if the state directory holds a checkpoint.")
    boolean fresh;

    @Option(names = "--dry-run", description = "Check the options and inputs, print the plan, and exit.")
    boolean dryRun;

    @Option(names = "--cluster", description = "Run inside a Flink cluster (application mode, e.g. under the Flink"
            + " Kubernetes Operator: k8s/). The state backend, checkpoint and savepoint storage, restart strategy and"
            + " the savepoint to restore come from the cluster's Flink configuration, so --state-dir, --fresh and"
            + " --restart-attempts do not apply; riffle submits the job and returns, without a local summary.")
    boolean cluster;

    public Path stateDir() {
        return stateDir != null ? stateDir : out.resolve("state");
    }

    public boolean cluster() {
        return cluster;
    }

    /**
     * The checkpoint a re-run resumes from, unless {@code --fresh}; none in a cluster run (the cluster restores).
     *
     * @throws IllegalArgumentException when {@code --cluster} is combined with an option of local runs only
     */
    public Optional<Path> resumeFrom() {
        checkClusterOptions();
        if (cluster) {
            return Optional.empty();
        }
        return fresh ? Optional.empty() : Checkpoints.latest(stateDir().resolve("checkpoints"));
    }

    public RuntimeSettings settings(Path resumeFrom) {
        checkClusterOptions();
        if (cluster) {
            return RuntimeSettings.cluster(checkpointInterval);
        }
        return new RuntimeSettings(stateDir(), checkpointInterval, resumeFrom, restartAttempts)
                .withStateBackend(stateBackend);
    }

    /** How a run starts, for a dry run's plan: in a cluster, fresh, or resuming from {@code resume}. */
    String describeStart(Path resume) {
        return cluster ? "in a cluster: state, checkpoints and restores as its Flink configuration says"
                : describeResume(resume);
    }

    /** {@code fresh start} or {@code would resume from CHECKPOINT}. */
    static String describeResume(Path resume) {
        return resume == null ? "fresh start" : "would resume from " + resume;
    }

    /** Tells the console that the run resumes from {@code resume}, if it does. */
    static void announceResume(PrintWriter out, Path resume) {
        if (resume != null) {
            out.println("Resuming from checkpoint " + resume + " (use --fresh to start over)");
        }
    }

    /**
     * A file run's {@code --input}, or the error that says it is missing.
     *
     * @throws IllegalArgumentException if {@code input} is null
     */
    static Path requireInput(Path input) {
        if (input == null) {
            throw new IllegalArgumentException("Missing required option: '--input=FILE' (or read Kafka with --source"
                    + " kafka --bootstrap-servers HOST:PORT)");
        }
        return input;
    }

    /** Options of a local run given with {@code --cluster} are an error, not silently ignored. */
    private void checkClusterOptions() {
        if (!cluster || command == null || command.commandLine() == null
                || command.commandLine().getParseResult() == null) {
            return;
        }
        List<String> given = new ArrayList<>();
        for (String name : LOCAL_ONLY) {
            if (command.commandLine().getParseResult().hasMatchedOption(name)) {
                given.add(name);
            }
        }
        if (!given.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", given) + (given.size() > 1 ? " do" : " does")
                    + " not apply with --cluster: the cluster's Flink configuration sets the state backend"
                    + " (state.backend.type) and checkpoint storage (execution.checkpointing.dir,"
                    + " state.savepoints.dir), the restart strategy (restart-strategy.*) and what to restore (the"
                    + " operator restores from the last savepoint)");
        }
    }
}
