package io.riffle.connectors.reservoir;

import java.util.Locale;

/** The input formats {@code --format} accepts for series points. */
public enum SeriesFormat {
    /** Riffle's canonical series JSON lines: {@code {"key":"sensor-7","time":…,"value":0.42}} or {@code "values":[…]}. */
    JSONL,
    /** CSV with a header row: one series per column (wide) or a key column (long); see {@link SeriesCsvColumns}. */
    CSV;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SeriesFormat parse(String name) {
        for (SeriesFormat f : values()) {
            if (f.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown series format '" + name + "'; use jsonl or csv");
    }
}
