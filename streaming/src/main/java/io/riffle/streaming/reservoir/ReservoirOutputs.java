package io.riffle.streaming.reservoir;

import io.riffle.streaming.runtime.JobOutputs;
import java.nio.file.Path;

/**
 * The files a reservoir job writes under its output directory (README, "Reservoir computers"): {@code predictions}
 * has one line per point, the forecasts made after learning from it; {@code metrics} one line per metrics interval,
 * pooled NRMSEs of the whole job so far.
 */
public record ReservoirOutputs(Path dir) implements JobOutputs {
    /** One line per key and metrics interval in which it learned: version, provenance, the key's NRMSEs. */
    public Path versions() {
        return dir.resolve("model-versions.jsonl");
    }
}
