package io.riffle.streaming.reservoir;

import java.nio.file.Path;

/** The files a reservoir job writes under its output directory (README, "Reservoir computers"). */
public record ReservoirOutputs(Path dir) {
    /** One line per point: the forecasts made after learning from it. */
    public Path predictions() {
        return dir.resolve("predictions.jsonl");
    }

    /** One line per metrics interval: pooled NRMSEs of the whole job so far. */
    public Path metrics() {
        return dir.resolve("metrics.jsonl");
    }

    /** One line per key and metrics interval in which it learned: version, provenance, the key's NRMSEs. */
    public Path versions() {
        return dir.resolve("model-versions.jsonl");
    }

    public Path deadLetters() {
        return dir.resolve("dead-letters.jsonl");
    }

    public Path summary() {
        return dir.resolve("summary.json");
    }
}
