package io.riffle.streaming.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** What a finished run did, as the fields of its {@code summary.json}. */
public interface RunSummary {
    /** The fields of {@code summary.json}, in the order they are written. */
    Map<String, Object> toJson();

    /** Writes {@link #toJson()} to {@code file}. */
    default void write(Path file) throws IOException {
        JsonFiles.write(file, toJson());
    }
}
