package io.riffle.streaming.ctr;

import io.riffle.connectors.sink.JsonLines;
import io.riffle.models.ctr.LogisticLoss;
import io.riffle.models.sim.ClickSimulator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a simulated click log ({@link ClickSimulator}) as Riffle JSON lines: impressions, then clicks' labels. */
public final class ClickLogFile {
    /** What was written, and the ground-truth model's log loss on it. */
    public record Written(long impressions, long clicks, double trueLogLoss) {}

    /** Event time of the first simulated impression. */
    static final long START = 1_700_000_000_000L;

    private ClickLogFile() {}

    /** The simulator behind the demo: 100 impressions a second, clicks' labels 30 s late on average. */
    static ClickSimulator simulator(long seed) {
        return new ClickSimulator(seed, 100, 30_000);
    }

    public static Written write(Path file, int impressions, long seed) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        long[] counts = new long[2];
        double[] loss = new double[1];
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(256);
            simulator(seed).generate(impressions, START, e -> {
                line.setLength(0);
                line.append("{\"id\":");
                JsonLines.string(line, e.id());
                line.append(",\"time\":").append(e.time());
                if (e.impression()) {
                    counts[0]++;
                    loss[0] += LogisticLoss.loss(e.trueProbability(), e.label());
                    line.append(",\"features\":{");
                    for (int f = 0; f < e.fields().length; f++) {
                        if (f > 0) {
                            line.append(',');
                        }
                        JsonLines.string(line, e.fields()[f]);
                        line.append(':');
                        JsonLines.string(line, e.values()[f]);
                    }
                    line.append("},\"numeric\":{\"bid\":").append(e.bid()).append("}}");
                } else {
                    counts[1]++;
                    line.append(",\"label\":1}");
                }
                try {
                    out.write(line.toString());
                    out.newLine();
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            });
        }
        return new Written(counts[0], counts[1], loss[0] / Math.max(1, counts[0]));
    }
}
