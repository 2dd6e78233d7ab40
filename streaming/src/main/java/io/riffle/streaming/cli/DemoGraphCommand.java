package io.riffle.streaming.cli;

import io.riffle.streaming.graph.GraphInput;
import io.riffle.streaming.graph.GraphJobConfig;
import io.riffle.streaming.graph.GraphOutputs;
import io.riffle.streaming.graph.GraphRun;
import io.riffle.streaming.graph.GraphSummary;
import io.riffle.streaming.graph.InteractionLogFile;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code riffle demo graph}: the temporal-graph job end to end with a local Flink, on SNAP CollegeMsg when a copy is
 * at hand, otherwise on a seeded simulated message stream (CollegeMsg's terms of redistribution are not stated, so
 * no copy ships with Riffle).
 */
@Command(name = "graph", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Online link prediction on a temporal interaction graph: every message is scored (TGN-style"
                + " node memory against EdgeBank and recency), then learned from, on a local Flink MiniCluster with"
                + " node memories in RocksDB.",
                "Data: --input, else SNAP CollegeMsg from --data-dir when it is there, else a seeded simulated"
                        + " message stream (no real temporal graph that may be redistributed ships with Riffle)."})
public final class DemoGraphCommand implements Callable<Integer> {
    static final String COLLEGE_MSG = "snap-collegemsg/CollegeMsg.txt.gz";
    static final String COLLEGE_MSG_CITATION = "Panzarasa, Opsahl and Carley (2009), \"Patterns and dynamics of"
            + " users' behavior and interaction: Network analysis of an online community\", JASIST 60(5); via SNAP"
            + " (snap.stanford.edu/data/CollegeMsg.html)";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE",
            description = "An edge stream to use instead (its --format) (default: CollegeMsg from --data-dir if"
                    + " present, else a simulated stream).")
    Path input;

    @Option(names = "--data-dir", defaultValue = "../shared/data", paramLabel = "DIR",
            description = "Where to look for " + COLLEGE_MSG + " (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--simulate", description = "Use the simulated stream even when CollegeMsg is at hand"
            + " (default: off).")
    boolean simulate;

    @Option(names = "--events", defaultValue = "40000", paramLabel = "N",
            description = "Messages to simulate (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--users", defaultValue = "1500", paramLabel = "N",
            description = "Users in the simulated stream (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--sim-seed", defaultValue = "42", paramLabel = "N",
            description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long simSeed;

    @Option(names = "--work-dir", defaultValue = "riffle-work/demo-graph", paramLabel = "DIR",
            description = "Data, state and outputs go here (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Mixin
    GraphOptions graph;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        out.println("Riffle demo: online link prediction on a temporal interaction graph, local Flink MiniCluster.");
        Path data;
        Path collegeMsg = dataDir.resolve(COLLEGE_MSG);
        if (input != null) {
            data = input;
            out.println("Data: " + input + " (" + graph.format().cliName() + ")");
        } else if (!simulate && Files.isReadable(collegeMsg)) {
            data = collegeMsg;
            graph.format = "snap";
            out.println("Data: SNAP CollegeMsg, " + collegeMsg + ": 59,835 messages among 1,899 users of an online"
                    + " community at UC Irvine, 2004. " + COLLEGE_MSG_CITATION + ".");
        } else {
            data = workDir.resolve("interactions.jsonl");
            graph.format = "jsonl";
            long pairs = InteractionLogFile.write(data, events, users, simSeed);
            out.printf("Data: a SIMULATED message stream (seed %d): %,d messages among %,d users, %,d distinct"
                            + " pairs -> %s%n", simSeed, events, users, pairs, data);
            out.println("      No real temporal graph that may be redistributed ships with Riffle. With a copy of"
                    + " SNAP CollegeMsg in " + dataDir + " the demo uses it (or pass --input FILE --format snap).");
        }
        GraphInput scanned = graph.scan(data);
        GraphJobConfig config = graph.toConfig(scanned);
        out.println("Model: " + config.describeModel());
        GraphOutputs outputs = new GraphOutputs(workDir.resolve("out"));
        RuntimeSettings runtime = new RuntimeSettings(workDir.resolve("state"), Duration.ofSeconds(10), null, 3);
        GraphSummary summary = GraphRun.run(new GraphRun.Request(config, scanned, graph.maxRecordBytes(), outputs,
                runtime), out);
        out.println(summary.describe());
        out.println("Outputs in " + outputs.dir().toAbsolutePath());
        return 0;
    }
}
