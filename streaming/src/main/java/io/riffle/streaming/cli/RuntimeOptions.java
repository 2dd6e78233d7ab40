package io.riffle.streaming.cli;

import io.riffle.streaming.runtime.Checkpoints;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a job writes and keeps its state, shared by every {@code run} command. */
public final class RuntimeOptions {
    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output directory: predictions, metrics, dead letters, model versions, model, summary.")
    Path out;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "RocksDB state and checkpoints (default: OUT/state). Re-running the same command after a"
                    + " crash resumes from the latest checkpoint here.")
    Path stateDir;

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

    public Path stateDir() {
        return stateDir != null ? stateDir : out.resolve("state");
    }

    /** The checkpoint a re-run resumes from, unless {@code --fresh}. */
    public Optional<Path> resumeFrom() {
        return fresh ? Optional.empty() : Checkpoints.latest(stateDir().resolve("checkpoints"));
    }

    public RuntimeSettings settings(Path resumeFrom) {
        return new RuntimeSettings(stateDir(), checkpointInterval, resumeFrom, restartAttempts);
    }
}
