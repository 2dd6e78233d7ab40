package io.riffle.bench.onnx;

import io.riffle.streaming.cli.DurationConverter;
import io.riffle.streaming.runtime.JsonFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The ONNX benchmarks' command lines: {@code riffle bench onnx} and {@code riffle bench cascade}. */
public final class OnnxBenchCommands {
    static final String FIXTURE = "models/src/test/resources/onnx/finalmlp/";

    private OnnxBenchCommands() {}

    @Command(name = "onnx", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"ONNX Runtime (CPU) against Riffle's pure-Java forward pass of the same FinalMLP:"
                    + " throughput for batch sizes 1 … 4096, and the latency the batching operator adds per event"
                    + " in a Flink job. Run from the repository root. Writes bench.json."})
    public static final class Onnx implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", defaultValue = FIXTURE + "finalmlp.onnx", paramLabel = "FILE.onnx",
                description = "A FinalMLP exported by finalmlp.py (default: ${DEFAULT-VALUE}).")
        Path model;

        @Option(names = "--mapping", defaultValue = FIXTURE + "mapping.json", paramLabel = "FILE",
                description = "Its mapping (default: ${DEFAULT-VALUE}).")
        Path mapping;

        @Option(names = "--out", defaultValue = "bench.json", paramLabel = "FILE",
                description = "Where the figures go (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--onnx-threads", defaultValue = "1", paramLabel = "N",
                description = "ONNX Runtime threads (the Java forward pass uses one) (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--seconds", defaultValue = "1", paramLabel = "S",
                description = "Measured seconds per engine and batch size (default: ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--max-batch", defaultValue = "4096", paramLabel = "B",
                description = "Largest batch size, doubling from 1 (default: ${DEFAULT-VALUE}).")
        int maxBatch;

        @Option(names = "--latency-batch", defaultValue = "256", paramLabel = "B",
                description = "Batch size of the latency runs (default: ${DEFAULT-VALUE}).")
        int latencyBatch;

        @Option(names = "--latency-timeout", defaultValue = "5ms", converter = DurationConverter.class,
                paramLabel = "DURATION", description = "Batch timeout of the latency runs (default: ${DEFAULT-VALUE}).")
        Duration latencyTimeout;

        @Option(names = "--rates", defaultValue = "1000,10000,50000", split = ",", paramLabel = "EV/S",
                description = "Event rates of the latency runs (default: ${DEFAULT-VALUE}).")
        double[] rates;

        @Option(names = "--latency-seconds", defaultValue = "4", paramLabel = "S",
                description = "Seconds of events per latency run (default: ${DEFAULT-VALUE}).")
        double latencySeconds;

        @Override
        public Integer call() throws Exception {
            PrintWriter w = spec.commandLine().getOut();
            Map<String, Object> doc = new OnnxBench(new OnnxBench.Options(model, mapping, threads, seconds, maxBatch,
                    latencyBatch, latencyTimeout.toMillis(), rates, latencySeconds), w).run();
            JsonFiles.write(out, doc);
            w.println("Figures in " + out.toAbsolutePath() + "; GPU: " + doc.get("gpu"));
            return 0;
        }
    }

    @Command(name = "cascade", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The window-based early-exit cascade on a simulated click stream with known truth: cheap"
                    + " FTRL online, expensive FinalMLP; share sent on and AUC of cascade, expensive only and cheap"
                    + " only on the same events. Run from the repository root. Writes cascade.json."})
    public static final class Cascade implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", defaultValue = FIXTURE + "finalmlp.onnx", paramLabel = "FILE.onnx",
                description = "The expensive model (default: ${DEFAULT-VALUE}).")
        Path model;

        @Option(names = "--mapping", defaultValue = FIXTURE + "mapping.json", paramLabel = "FILE",
                description = "Its mapping (default: ${DEFAULT-VALUE}).")
        Path mapping;

        @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
                description = "Simulator seed; the fixture was trained on seed 42 (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--impressions", defaultValue = "300000", paramLabel = "N",
                description = "Impressions simulated (default: ${DEFAULT-VALUE}).")
        int impressions;

        @Option(names = "--from", defaultValue = "200000", paramLabel = "N",
                description = "Evaluate from this impression on (the fixture was trained on those before)"
                        + " (default: ${DEFAULT-VALUE}).")
        int from;

        @Option(names = "--threshold", defaultValue = "0.1", paramLabel = "P",
                description = "Decision threshold (default: ${DEFAULT-VALUE}).")
        double threshold;

        @Option(names = "--windows", defaultValue = "0.01,0.02,0.03,0.05,0.08", split = ",", paramLabel = "W",
                description = "Half-widths of the windows to try (default: ${DEFAULT-VALUE}).")
        double[] windows;

        @Option(names = "--cheap-cross", paramLabel = "A:B",
                description = "Field crosses of the cheap FTRL model (repeatable; default none: plain logistic"
                        + " regression).")
        java.util.List<String> cheapCrosses = new java.util.ArrayList<>();

        @Option(names = "--out", defaultValue = "cascade.json", paramLabel = "FILE",
                description = "Where the table goes (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws Exception {
            PrintWriter w = spec.commandLine().getOut();
            Map<String, Object> doc = new CascadeBench(new CascadeBench.Options(model, mapping, seed, impressions,
                    from, threshold, windows, cheapCrosses.stream().map(io.riffle.models.features.FieldCross::parse)
                    .toList()), w).run();
            JsonFiles.write(out, doc);
            w.println("Table in " + out.toAbsolutePath());
            return 0;
        }
    }
}
