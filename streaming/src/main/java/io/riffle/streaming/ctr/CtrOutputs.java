package io.riffle.streaming.ctr;

import java.nio.file.Path;

/** The files a CTR job writes under its output directory (README, "Outputs"). */
public record CtrOutputs(Path dir) {
    public Path predictions() {
        return dir.resolve("predictions.jsonl");
    }

    public Path metrics() {
        return dir.resolve("metrics.jsonl");
    }

    public Path deadLetters() {
        return dir.resolve("dead-letters.jsonl");
    }

    public Path versions() {
        return dir.resolve("model-versions.jsonl");
    }

    public Path model() {
        return dir.resolve("model.riffle");
    }

    public Path summary() {
        return dir.resolve("summary.json");
    }
}
