package io.riffle.streaming.cli;

import io.riffle.streaming.graph.GraphInput;
import io.riffle.streaming.graph.GraphJobConfig;
import io.riffle.streaming.graph.GraphOutputs;
import io.riffle.streaming.graph.GraphRun;
import io.riffle.streaming.graph.GraphSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code riffle run graph}: online link prediction on a temporal interaction graph. */
@Command(name = "graph", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay an edge stream through the temporal-graph job: in event-time order, score every"
                + " interaction with a TGN-style node memory and the EdgeBank and recency baselines, then learn from"
                + " it; node memories in RocksDB; checkpoint.",
                "Writes OUT/predictions.jsonl, metrics.jsonl, dead-letters.jsonl, model.riffle and summary.json.",
                "With --source kafka: reads interactions from --topic and writes the outputs to topics, exactly once"
                        + " (README, \"Kafka\")."})
public final class RunGraphCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Recorded edge stream (plain or .gz); required unless --source kafka (default: none).")
    Path input;

    @Mixin
    GraphOptions graph;

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        if (kafka.enabled()) {
            return RunFamilyKafka.graph(input, graph, runtime, kafka, spec.commandLine().getOut());
        }
        RuntimeOptions.requireInput(input);
        GraphInput scanned = graph.scan(input);
        GraphJobConfig config = graph.toConfig(scanned);
        Path resume = runtime.resumeFrom().orElse(null);
        var out = spec.commandLine().getOut();
        if (runtime.dryRun) {
            out.printf("ok: %s (%s: %s) -> %s; %s; %s%n", input, graph.format().cliName(), scanned.describe(),
                    runtime.out, config.describeModel(), runtime.describeStart(resume));
            return 0;
        }
        GraphRun.Request request = new GraphRun.Request(config, scanned, graph.maxRecordBytes(),
                new GraphOutputs(runtime.out), runtime.settings(resume));
        if (runtime.cluster()) {
            GraphRun.submit(request, out);
            return 0;
        }
        RuntimeOptions.announceResume(out, resume);
        out.println("Input: " + input + " (" + graph.format().cliName() + "; " + scanned.describe() + ")");
        out.println("Model: " + config.describeModel());
        GraphSummary summary = GraphRun.run(request, out);
        out.println(summary.describe());
        out.println("Outputs in " + runtime.out.toAbsolutePath());
        return 0;
    }
}
