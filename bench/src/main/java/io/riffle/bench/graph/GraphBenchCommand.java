package io.riffle.bench.graph;

import io.riffle.bench.BenchReport;
import io.riffle.connectors.graph.EdgeCodecSpec;
import io.riffle.connectors.graph.EdgeFormat;
import io.riffle.models.graph.EvaluationConfig;
import io.riffle.models.graph.InMemoryNodeStore;
import io.riffle.models.graph.Interaction;
import io.riffle.models.graph.LinkScorer;
import io.riffle.models.graph.SerializedNodeStore;
import io.riffle.models.graph.TgnConfig;
import io.riffle.streaming.cli.DurationConverter;
import io.riffle.streaming.graph.GraphInput;
import io.riffle.streaming.graph.GraphJobConfig;
import io.riffle.streaming.graph.GraphOutputs;
import io.riffle.streaming.graph.GraphRun;
import io.riffle.streaming.graph.GraphSummary;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code riffle bench graph}: the temporal-graph learner's quality and speed on SNAP CollegeMsg and
 * email-Eu-core-temporal, and the Flink job against the bare kernel loop on the same interactions, in one process.
 *
 * <ol>
 *   <li>quality: prequential AP/AUC (one random negative) and MRR (sampled negatives) of the memory model against
 *       EdgeBank, recency, popularity and common neighbours ({@link GraphBench});
 *   <li>batch: AP against the temporal batch size, with and without the PRES correction;
 *   <li>throughput: events/s of the bare loop at d = 100 (sequential and micro-batched, node states in memory or
 *       serialized per event), evaluation off;
 *   <li>pipeline: the same interactions through the Flink job (RocksDB node memories, checkpoints on) and through
 *       the bare kernel loop with the job's settings (evaluation on), events/s of both and their ratio; both must
 *       report the same AP.
 * </ol>
 */
@Command(name = "graph", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Temporal graphs: model vs EdgeBank and recency (AP, AUC, MRR), AP against batch size with and"
                + " without PRES, kernel throughput, and the Flink job against the bare kernel loop on the same data.")
public final class GraphBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", defaultValue = "../shared/data", paramLabel = "DIR",
            description = "Folder holding snap-collegemsg/CollegeMsg.txt.gz and snap-email-eu-core-temporal/"
                    + "email-Eu-core-temporal.txt.gz (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where bench.json and runs go.")
    Path out;

    @Option(names = "--datasets", defaultValue = "collegemsg,email", paramLabel = "LIST",
            description = "Streams to load: collegemsg, email (default: ${DEFAULT-VALUE}).")
    String datasets;

    @Option(names = "--experiments", defaultValue = "quality,batch,throughput,pipeline", paramLabel = "LIST",
            description = "Which parts to run (default: ${DEFAULT-VALUE}).")
    String experiments;

    @Option(names = "--limit", defaultValue = "100000", paramLabel = "N",
            description = "Interactions per stream, the earliest first; 0 = whole streams (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--quick", description = "30,000 interactions, batch sizes 1, 100, 1000 (default: off).")
    boolean quick;

    @Option(names = "--mrr", defaultValue = "20", paramLabel = "K",
            description = "MRR negatives in the quality and pipeline runs (default: ${DEFAULT-VALUE}).")
    int mrr;

    @Option(names = "--batch-sizes", defaultValue = "1,10,100,200,500,1000", paramLabel = "LIST",
            description = "Temporal batch sizes of the batch sweep (default: ${DEFAULT-VALUE}).")
    String batchSizes;

    @Option(names = "--batch-datasets", defaultValue = "collegemsg", paramLabel = "LIST",
            description = "Streams of the batch sweep (default: ${DEFAULT-VALUE}).")
    String batchDatasets;

    @Option(names = "--pipeline-dataset", defaultValue = "collegemsg", paramLabel = "NAME",
            description = "Stream of the pipeline run (default: ${DEFAULT-VALUE}).")
    String pipelineDataset;

    @Option(names = "--node-cache", defaultValue = "20000", paramLabel = "N",
            description = "Node states the job keeps decoded on the heap in front of RocksDB; 0 = none"
                    + " (default: ${DEFAULT-VALUE}).")
    int nodeCache;

    @Option(names = "--checkpoint-interval", defaultValue = "10s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Checkpoints during the pipeline run (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Files.createDirectories(out);
        Map<String, String> options = new LinkedHashMap<>();
        options.put("data", data.toString());
        options.put("datasets", datasets);
        List<String> parts = List.of(experiments.split(","));
        options.put("experiments", String.join(",", parts.stream().filter(p -> !p.equals("pipeline")).toList()));
        options.put("limit", Integer.toString(quick ? 30_000 : limit));
        options.put("mrr", Integer.toString(mrr));
        options.put("batch-sizes", quick ? "1,100,1000" : batchSizes);
        options.put("batch-datasets", batchDatasets);
        if (quick) {
            options.put("throughput-events", "20000");
        }
        System.out.flush();
        Map<String, List<Interaction>> streams = new LinkedHashMap<>();
        Map<String, Object> figures = GraphBench.run(options, streams);
        BenchReport report = new BenchReport("graph");
        figures.forEach(report::put);
        if (parts.contains("pipeline")) {
            List<Interaction> events = streams.get(pipelineDataset);
            if (events == null) {
                throw new IllegalArgumentException("--pipeline-dataset " + pipelineDataset + " is not among --datasets "
                        + datasets);
            }
            report.put("pipeline", pipeline(events, new GraphBench(options).baseConfig(), console));
        }
        report.write(out.resolve("bench.json"));
        console.println("Wrote " + out.resolve("bench.json"));
        return 0;
    }

    /** The Flink job and the bare kernel loop on the same interactions with the same settings. */
    private Map<String, Object> pipeline(List<Interaction> events, TgnConfig base, PrintWriter console)
            throws Exception {
        TgnConfig model = base.withEvaluation(EvaluationConfig.withMrr(mrr));
        Path dir = out.resolve("pipeline");
        Path file = dir.resolve(pipelineDataset + ".txt");
        Files.createDirectories(dir);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (Interaction e : events) {
                w.write(e.source() + " " + e.destination() + " " + e.time());
                w.newLine();
            }
        }
        console.printf(Locale.ROOT, "%n== pipeline: %s, %d interactions through the Flink job (RocksDB node memories,"
                + " checkpoints every %d s) and through the bare kernel loop, d=%d, batch 1, MRR vs %d ==%n",
                pipelineDataset, events.size(), checkpointInterval.toSeconds(), model.memoryDim(), mrr);
        console.flush();
        EdgeCodecSpec codec = EdgeCodecSpec.of(EdgeFormat.SNAP);
        GraphJobConfig config = new GraphJobConfig("graph", model, codec, 1, 60_000, 86_400_000L, 1000, 1000, 0, 1,
                null, nodeCache);
        GraphOutputs outputs = new GraphOutputs(dir.resolve("out"));
        GraphSummary job = GraphRun.run(new GraphRun.Request(config, GraphInput.of(file, codec, GraphInput.Sort.AUTO,
                1 << 20), 1 << 20, outputs, new RuntimeSettings(dir.resolve("state"), checkpointInterval, null, 0)),
                null);

        GraphBench.replay(events.subList(0, Math.min(events.size(), 20_000)), model, 1, new InMemoryNodeStore());
        GraphBench.Result kernel = GraphBench.replay(events, model, 1, new InMemoryNodeStore());
        GraphBench.Result serialized = GraphBench.replay(events, model, 1, new SerializedNodeStore());
        double kernelAp = kernel.eval().averagePrecision(LinkScorer.MODEL);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("dataset", pipelineDataset);
        p.put("interactions", job.interactions());
        p.put("nodeCache", nodeCache);
        p.put("pipelineWallSeconds", job.wallSeconds());
        p.put("pipelineEventsPerSecond", job.eventsPerSecond());
        p.put("kernelEventsPerSecond", kernel.eventsPerSecond());
        p.put("kernelSerializedStatesEventsPerSecond", serialized.eventsPerSecond());
        p.put("pipelineToKernelRatio", job.eventsPerSecond() / kernel.eventsPerSecond());
        p.put("pipelineToSerializedKernelRatio", job.eventsPerSecond() / serialized.eventsPerSecond());
        p.put("pipelineAp", job.ap());
        p.put("kernelAp", kernelAp);
        p.put("sameApAsKernel", job.ap() == kernelAp);
        p.put("pipelineApEdgeBank", job.apEdgeBank());
        p.put("pipelineApRecency", job.apRecency());
        p.put("pipelineMrr", job.mrr());
        console.printf(Locale.ROOT, "%-44s %12s%n", "loop", "events/s");
        console.printf(Locale.ROOT, "%-44s %12.0f%n", "Flink job (decode, RocksDB, checkpoints, sinks)",
                job.eventsPerSecond());
        console.printf(Locale.ROOT, "%-44s %12.0f%n", "bare kernel loop, states in memory", kernel.eventsPerSecond());
        console.printf(Locale.ROOT, "%-44s %12.0f%n", "bare kernel loop, states as bytes per event",
                serialized.eventsPerSecond());
        console.printf(Locale.ROOT, "pipeline / kernel = %.2f (%.2f against the serialized-state loop); AP %.4f in"
                        + " the job, %.4f in the loop%n", job.eventsPerSecond() / kernel.eventsPerSecond(),
                job.eventsPerSecond() / serialized.eventsPerSecond(), job.ap(), kernelAp);
        console.flush();
        return p;
    }
}
