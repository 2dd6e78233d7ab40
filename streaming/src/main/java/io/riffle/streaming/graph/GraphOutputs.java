package io.riffle.streaming.graph;

import io.riffle.streaming.runtime.JobOutputs;
import java.nio.file.Path;

/** The files a graph job writes under its output directory (README, "Temporal interaction graphs"). */
public record GraphOutputs(Path dir) implements JobOutputs {
    public Path model() {
        return dir.resolve("model.riffle");
    }
}
