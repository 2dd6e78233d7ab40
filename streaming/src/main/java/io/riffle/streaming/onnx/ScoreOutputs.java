package io.riffle.streaming.onnx;

import java.nio.file.Path;

/** The files {@code riffle score} writes under its output directory. */
public record ScoreOutputs(Path dir) {
    public Path predictions() {
        return dir.resolve("predictions.jsonl");
    }

    public Path deadLetters() {
        return dir.resolve("dead-letters.jsonl");
    }

    public Path summary() {
        return dir.resolve("summary.json");
    }
}
