package io.riffle.streaming.runtime;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a job runs: where its state lives, how often it checkpoints, and whether it resumes.
 *
 * @param stateDir           RocksDB working files and checkpoints go under it
 * @param checkpointInterval time between checkpoints
 * @param resumeFrom         a retained checkpoint (or savepoint) to resume from, or null for a fresh start
 * @param restartAttempts    how many times a failed job restarts from its last checkpoint before giving up
 */
public record RuntimeSettings(Path stateDir, Duration checkpointInterval, Path resumeFrom, int restartAttempts) {
    public RuntimeSettings {
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("--checkpoint-interval must be > 0, got " + checkpointInterval);
        }
        if (restartAttempts < 0) {
            throw new IllegalArgumentException("restart attempts must be >= 0, got " + restartAttempts);
        }
    }

    public Path checkpointDir() {
        return stateDir.resolve("checkpoints");
    }
}
