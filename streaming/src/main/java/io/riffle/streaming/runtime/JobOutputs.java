package io.riffle.streaming.runtime;

import java.nio.file.Path;

/** The files every learning job writes under its output directory; each family's record adds its own. */
public interface JobOutputs {
    /** The output directory. */
    Path dir();

    default Path predictions() {
        return dir().resolve("predictions.jsonl");
    }

    default Path metrics() {
        return dir().resolve("metrics.jsonl");
    }

    default Path deadLetters() {
        return dir().resolve("dead-letters.jsonl");
    }

    default Path summary() {
        return dir().resolve("summary.json");
    }
}
