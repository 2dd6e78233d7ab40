package io.riffle.streaming.cli;

import io.riffle.connectors.reservoir.Series;
import io.riffle.connectors.reservoir.SeriesCodecSpec;
import io.riffle.connectors.reservoir.SeriesGenerators;
import io.riffle.streaming.reservoir.ReservoirJobConfig;
import io.riffle.streaming.reservoir.ReservoirOutputs;
import io.riffle.streaming.reservoir.ReservoirRun;
import io.riffle.streaming.reservoir.ReservoirSummary;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code riffle demo reservoir}: reservoir computers forecasting several series at once, one model per key, on a
 * local Flink, from data that ships with Riffle.
 */
@Command(name = "reservoir", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Forecast several series at once with echo-state networks, one online model per series key:"
                + " local Flink MiniCluster, RocksDB state in the work directory, every forecast scored against"
                + " persistence.")
public final class DemoReservoirCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--series", defaultValue = "santa-fe,mackey-glass,lorenz", split = ",", paramLabel = "NAME",
            description = "Series to replay, one key each: santa-fe (bundled real data), mackey-glass, narma10,"
                    + " lorenz (generated) (default: ${DEFAULT-VALUE}).")
    List<String> series;

    @Option(names = "--points", defaultValue = "5000", paramLabel = "N",
            description = "Points per series (santa-fe has at most 5000) (default: ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of the generated series (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--horizons", defaultValue = "1,5", paramLabel = "K,K",
            description = "Forecast horizons in points ahead (default: ${DEFAULT-VALUE}).")
    String horizons;

    @Option(names = "--reservoir", defaultValue = "esn", paramLabel = "KIND",
            description = "esn or ei (self-adapting excitatory/inhibitory) (default: ${DEFAULT-VALUE}).")
    String reservoir;

    @Option(names = "--work-dir", defaultValue = "riffle-work/demo-reservoir", paramLabel = "DIR",
            description = "Data, state and outputs go here (default: ${DEFAULT-VALUE}).")
    Path workDir;

    /** Points are one second apart from here. */
    static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        out.println("Riffle demo: reservoir computers (echo-state networks, online RLS readouts) forecasting"
                + " several series at once, one model per key, on a local Flink MiniCluster.");
        List<Series> data = new ArrayList<>();
        for (String name : series) {
            data.add(SeriesGenerators.named(name, points, seed));
        }
        out.println("Data:");
        for (Series s : data) {
            out.printf("  %-16s %,6d points, %d value(s) each: %s%n", s.key(), s.length(), s.dims(),
                    s.description());
        }
        Path file = workDir.resolve("series.jsonl");
        long written = SeriesGenerators.writeJsonLines(file, data, START, 1000);
        out.printf("Wrote %,d points (one per series per second of event time) -> %s%n", written, file);

        ReservoirOptions options = new ReservoirOptions(); // the run command's defaults, with the demo's choices
        new CommandLine(options).parseArgs("--horizons", horizons, "--reservoir", reservoir);
        ReservoirJobConfig config = options.toConfig(SeriesCodecSpec.jsonLines());
        out.println("Model: " + config.describeModel());
        ReservoirOutputs outputs = new ReservoirOutputs(workDir.resolve("out"));
        RuntimeSettings runtime = new RuntimeSettings(workDir.resolve("state"), Duration.ofSeconds(10), null, 3);
        ReservoirSummary summary = ReservoirRun.run(new ReservoirRun.Request(config, file, 1 << 20, outputs,
                runtime), out);
        out.println(summary.describe(20));
        out.println("NRMSE = RMSE / standard deviation of the targets (1 = predicting the mean); persistence"
                + " forecasts y(t+k) = y(t). Outputs in " + outputs.dir().toAbsolutePath());
        return 0;
    }
}
