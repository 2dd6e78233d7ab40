package io.riffle.bench.ctr;

import io.riffle.bench.BenchReport;
import io.riffle.models.ctr.FtrlLogisticRegression;
import io.riffle.models.metrics.ProgressiveMetrics;
import io.riffle.streaming.cli.CtrOptions;
import io.riffle.streaming.cli.DurationConverter;
import io.riffle.streaming.ctr.CtrJobConfig;
import io.riffle.streaming.ctr.CtrOutputs;
import io.riffle.streaming.ctr.CtrRun;
import io.riffle.streaming.ctr.CtrSummary;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code riffle bench ctr}: the CTR job against the bare FTRL kernel, on the same data, in one process.
 *
 * <ol>
 *   <li>accuracy: one pass of the input through the Flink job (checkpoints on), progressive log loss and AUC beside
 *       the constant-rate baseline's;
 *   <li>kernel: the same events decoded and hashed once into memory, then {@code learn} in a loop (one core);
 *   <li>decode + hash + learn in one thread, no Flink: what the job's work costs without the framework;
 *   <li>pipeline: the input repeated {@code --repeat} times through the Flink job with checkpoints on, wall time from
 *       submission to the last output (MiniCluster start included).
 * </ol>
 */
@Command(name = "ctr", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Throughput and accuracy of the CTR job against the bare FTRL kernel on the same data.")
public final class CtrBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Labelled input.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where bench.json and runs go.")
    Path out;

    @Option(names = "--repeat", defaultValue = "20", paramLabel = "N",
            description = "Passes over the input in the throughput runs (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--checkpoint-interval", defaultValue = "10s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Checkpoints during the pipeline runs (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Mixin
    CtrOptions ctr;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Files.createDirectories(out);
        CtrJobConfig config = ctr.toConfig(input);
        ctr.checkInputs(input);
        BenchReport report = new BenchReport("ctr").put("input", input.toString())
                .put("format", config.codec().format().cliName()).put("bits", config.features().bits())
                .put("ftrl", config.ftrl().toString()).put("repeat", repeat)
                .put("checkpointIntervalSeconds", checkpointInterval.toSeconds());

        console.println("1/4 accuracy: one pass through the Flink job ...");
        CtrSummary accuracy = CtrRun.run(request(config, input, "accuracy"), null);
        report.put("events", accuracy.events())
                .put("progressiveLogLoss", accuracy.progressiveLogLoss())
                .put("baselineLogLoss", accuracy.baselineLogLoss())
                .put("entropyLogLoss", accuracy.entropyLogLoss())
                .put("progressiveAuc", accuracy.progressiveAuc())
                .put("beatsBaseline", accuracy.progressiveLogLoss() < accuracy.baselineLogLoss());

        console.println("2/4 kernel: FTRL learn over pre-hashed events ...");
        HashedEvents events = HashedEvents.read(input, config.codec(), config.features());
        kernelPass(config, events, 2);
        long start = System.nanoTime();
        ProgressiveMetrics kernelMetrics = kernelPass(config, events, repeat);
        double kernelSeconds = (System.nanoTime() - start) / 1e9;
        double kernelRate = (double) events.size() * repeat / kernelSeconds;
        report.put("kernelUpdatesPerSecond", kernelRate)
                .put("kernelProgressiveLogLossFirstPass", kernelMetrics.logLoss());

        console.println("3/4 decode + hash + learn, one thread, no Flink ...");
        byte[] raw = read(input);
        DecodeHashLearnLoop.run(raw, config, 1);
        start = System.nanoTime();
        long n = DecodeHashLearnLoop.run(raw, config, repeat);
        double loopRate = n / ((System.nanoTime() - start) / 1e9);
        report.put("decodeHashLearnEventsPerSecond", loopRate);

        console.println("4/4 pipeline: " + repeat + " passes through the Flink job, checkpoints every "
                + checkpointInterval.toSeconds() + " s ...");
        Path repeated = out.resolve("input-x" + repeat);
        writeRepeated(raw, repeated, repeat);
        CtrSummary pipeline = CtrRun.run(request(config, repeated, "pipeline"), null);
        Files.delete(repeated);
        report.put("pipelineEvents", pipeline.events())
                .put("pipelineWallSeconds", pipeline.wallSeconds())
                .put("pipelineEventsPerSecond", pipeline.eventsPerSecond())
                .put("pipelineToKernelRatio", pipeline.eventsPerSecond() / kernelRate)
                .put("pipelineToDecodeHashLearnRatio", pipeline.eventsPerSecond() / loopRate);
        report.print(console);
        report.write(out.resolve("bench.json"));
        console.println("Wrote " + out.resolve("bench.json"));
        return 0;
    }

    private CtrRun.Request request(CtrJobConfig config, Path file, String name) {
        Path dir = out.resolve(name);
        return new CtrRun.Request(config, file, null, ctr.maxRecordBytes(), new CtrOutputs(dir),
                new RuntimeSettings(dir.resolve("state"), checkpointInterval, null, 0));
    }

    private static ProgressiveMetrics kernelPass(CtrJobConfig config, HashedEvents events, int passes) {
        FtrlLogisticRegression ftrl = new FtrlLogisticRegression(config.ftrl(), config.features());
        ProgressiveMetrics metrics = new ProgressiveMetrics(1000);
        int[][] h = events.hashes;
        float[][] v = events.values;
        int[] y = events.labels;
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < h.length; i++) {
                double p = ftrl.learn(h[i], v[i], h[i].length, y[i]);
                if (pass == 0) {
                    metrics.add(p, y[i]);
                }
            }
        }
        return metrics;
    }

    private static byte[] read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            return in.readAllBytes();
        }
    }

    private static void writeRepeated(byte[] raw, Path file, int times) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int i = 0; i < times; i++) {
                out.write(raw);
                if (raw.length > 0 && raw[raw.length - 1] != '\n') {
                    out.write('\n');
                }
            }
        }
    }
}
