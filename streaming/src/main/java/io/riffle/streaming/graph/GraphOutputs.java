package io.riffle.streaming.graph;

import java.nio.file.Path;

/** The files a graph job writes under its output directory (README, "Temporal interaction graphs"). */
public record GraphOutputs(Path dir) {
    public Path predictions() {
        return dir.resolve("predictions.jsonl");
    }

    public Path metrics() {
        return dir.resolve("metrics.jsonl");
    }

    public Path deadLetters() {
        return dir.resolve("dead-letters.jsonl");
    }

    public Path model() {
        return dir.resolve("model.riffle");
    }

    public Path summary() {
        return dir.resolve("summary.json");
    }
}
