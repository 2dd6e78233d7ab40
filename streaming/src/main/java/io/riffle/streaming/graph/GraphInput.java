package io.riffle.streaming.graph;

import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.graph.EdgeCodecSpec;
import io.riffle.connectors.graph.EdgeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A recorded edge file as a job will read it: checked and scanned once before the job starts, to learn its feature
 * width (for {@code --edge-features auto}) and whether it is in time order. A file out of order is replayed from a
 * time-sorted copy ({@link EdgeFiles}) unless sorting is off.
 *
 * @param file  the user's file
 * @param scan  what the scan found
 * @param sort  whether the job reads a time-sorted copy
 */
public record GraphInput(Path file, EdgeFiles.Scan scan, boolean sort) {
    /** When to replay a file from a time-sorted copy. */
    public enum Sort {
        /** When the file is not in time order. */
        AUTO,
        /** Always (the copy is the file when it is already in order). */
        ALWAYS,
        /** Never: records later than the allowed lateness are dead-lettered. */
        NEVER;

        public static Sort parse(String name) {
            for (Sort s : values()) {
                if (s.name().equalsIgnoreCase(name.trim())) {
                    return s;
                }
            }
            throw new IllegalArgumentException("--sort must be auto, always or never, got '" + name + "'");
        }

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Checks and scans {@code file}.
     *
     * @throws IllegalArgumentException when the file cannot be replayed
     */
    public static GraphInput of(Path file, EdgeCodecSpec codec, Sort sort, int maxRecordBytes) {
        LineFileSource.check(file);
        EdgeFiles.Scan scan;
        try {
            scan = EdgeFiles.scan(file, codec.withFeatureWidth(EdgeCodecSpec.ANY_WIDTH), maxRecordBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        boolean sorted = sort == Sort.ALWAYS || (sort == Sort.AUTO && !scan.inTimeOrder());
        return new GraphInput(file, scan, sorted);
    }

    /** The feature width of the file's first edge (0 when it has none). */
    public int featureWidth() {
        return Math.max(0, scan.firstFeatureWidth());
    }

    /** One line about the input, for the console. */
    public String describe() {
        return String.format(Locale.ROOT, "%,d lines, %,d edges%s", scan.lines(), scan.edges(), scan.inTimeOrder()
                ? ", in time order" : sort ? ", not in time order (" + String.format(Locale.ROOT, "%,d",
                scan.backwardSteps()) + " steps back): replayed from a time-sorted copy"
                : ", not in time order (" + scan.backwardSteps() + " steps back) and --sort never: records later"
                        + " than --allowed-lateness are dead-lettered");
    }
}
