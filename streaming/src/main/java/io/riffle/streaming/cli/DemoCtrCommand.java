package io.riffle.streaming.cli;

import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.features.FeatureSpace;
import io.riffle.models.features.FieldCross;
import io.riffle.operators.ctr.ScoringMode;
import io.riffle.streaming.ctr.ClickLogFile;
import io.riffle.streaming.ctr.CtrJobConfig;
import io.riffle.streaming.ctr.CtrOutputs;
import io.riffle.streaming.ctr.CtrRun;
import io.riffle.streaming.ctr.CtrSummary;
import io.riffle.streaming.ctr.ServedScores;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code riffle demo ctr}: the CTR job end to end on a simulated click log, with a local Flink. */
@Command(name = "ctr", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Simulate a click log with a known ground-truth model, then learn it online: local Flink"
                + " MiniCluster, RocksDB state in the work directory, delayed labels joined in event time. By default"
                + " the log goes through a Kafka broker started in this process: produced into topics, read by the"
                + " job, predictions written to a topic exactly once.")
public final class DemoCtrCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--events", defaultValue = "200000", paramLabel = "N",
            description = "Impressions to simulate (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--work-dir", defaultValue = "riffle-work/demo-ctr", paramLabel = "DIR",
            description = "Data, state and outputs go here (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--source", defaultValue = "kafka", paramLabel = "SOURCE",
            description = "kafka: through a Kafka broker in this process; file: replay the file directly"
                    + " (default: ${DEFAULT-VALUE}).")
    String source;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        out.println("Riffle demo: online CTR learning with FTRL-Proximal on a local Flink MiniCluster.");
        out.println("Data: a seeded click simulator with a known ground-truth model (no real click log that may be"
                + " redistributed ships with Riffle; run `riffle run ctr` on yours).");
        Path data = workDir.resolve("clicks.jsonl");
        ClickLogFile.Written written = ClickLogFile.write(data, events, seed);
        out.printf("Simulated %,d impressions and %,d delayed click labels -> %s%n", written.impressions(),
                written.clicks(), data);
        CtrJobConfig config = new CtrJobConfig("ctr", FtrlParams.defaults(),
                new FeatureSpace(FeatureSpace.DEFAULT_BITS, List.of(new FieldCross("site", "ad")), 0),
                CtrCodecSpec.of(CtrFormat.JSONL), true, Duration.ofMinutes(2).toMillis(), -1, 1000, 100,
                ScoringMode.EVENT_TIME, 0, 1000, 10_000, 0, 1, null);
        CtrOutputs outputs = new CtrOutputs(workDir.resolve("out"));
        RuntimeSettings runtime = new RuntimeSettings(workDir.resolve("state"), Duration.ofSeconds(10), null, 3);
        ServedScores served = ServedScores.ofSimulation(events, seed);
        CtrSummary summary = switch (source) {
            case "kafka" -> KafkaCtrDemo.run(config, data, workDir, outputs, runtime, out, served);
            case "file" -> {
                CtrSummary s = CtrRun.run(new CtrRun.Request(config, data, null, 1 << 20, outputs, runtime), out);
                served.acceptFile(outputs.predictions());
                yield s;
            }
            default -> throw new IllegalArgumentException("unknown --source '" + source + "'; use kafka or file");
        };
        out.println(summary.describe());
        out.println(served.describe());
        out.println("Outputs in " + outputs.dir().toAbsolutePath());
        return 0;
    }
}
