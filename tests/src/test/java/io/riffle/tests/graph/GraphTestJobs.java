package io.riffle.tests.graph;

import io.riffle.connectors.graph.EdgeCodecSpec;
import io.riffle.connectors.graph.EdgeFormat;
import io.riffle.models.graph.EvaluationConfig;
import io.riffle.models.graph.InteractionSimulator;
import io.riffle.models.graph.TgnConfig;
import io.riffle.streaming.graph.GraphInput;
import io.riffle.streaming.graph.GraphJobConfig;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Shared set-up of the temporal-graph integration tests. */
final class GraphTestJobs {
    private GraphTestJobs() {}

    /** A small model (d = 16) with MRR against 5 negatives, batches of {@code batch}, metrics daily. */
    static GraphJobConfig config(EdgeFormat format, int batch, double speedup) {
        TgnConfig model = TgnConfig.defaults().withDimensions(16, 16, 16)
                .withEvaluation(new EvaluationConfig(true, 5, 0.5));
        return new GraphJobConfig("g", model, EdgeCodecSpec.of(format), batch, 60_000, 86_400_000L, 1000, 1000,
                speedup, 1, null, 64);
    }

    static RuntimeSettings runtime(Path stateDir, Path resumeFrom, int restartAttempts) {
        return new RuntimeSettings(stateDir, Duration.ofMillis(200), resumeFrom, restartAttempts);
    }

    static GraphInput input(Path file, EdgeFormat format) {
        return GraphInput.of(file, EdgeCodecSpec.of(format), GraphInput.Sort.AUTO, 1 << 20);
    }

    /** Simulated messages as SNAP lines ({@code src dst seconds}). */
    static List<String> snapLines(int n, long seed) {
        List<String> lines = new ArrayList<>();
        InteractionSimulator sim = new InteractionSimulator(200, seed, 1_082_000_000L, 240);
        for (int i = 0; i < n; i++) {
            InteractionSimulator.Message m = sim.next();
            lines.add(m.source() + " " + m.destination() + " " + m.time());
        }
        return lines;
    }

    /** The lines shuffled in blocks, so the file is far out of time order (like SNAP's email-Eu-core). */
    static List<String> outOfOrder(List<String> lines, long seed) {
        List<List<String>> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 97) {
            blocks.add(lines.subList(i, Math.min(lines.size(), i + 97)));
        }
        java.util.Collections.shuffle(blocks, new Random(seed));
        List<String> out = new ArrayList<>();
        blocks.forEach(out::addAll);
        return out;
    }

    static Path gzip(Path file, List<String> lines) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             Writer w = new java.io.OutputStreamWriter(new GZIPOutputStream(raw), StandardCharsets.UTF_8)) {
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
        }
        return file;
    }

    static byte[] bytes(Path file) throws IOException {
        return Files.readAllBytes(file);
    }
}
