package io.riffle.streaming.ctr;

import io.riffle.streaming.runtime.JobOutputs;
import java.nio.file.Path;

/** The files a CTR job writes under its output directory (README, "Outputs"). */
public record CtrOutputs(Path dir) implements JobOutputs {
    public Path versions() {
        return dir.resolve("model-versions.jsonl");
    }

    public Path model() {
        return dir.resolve("model.riffle");
    }
}
