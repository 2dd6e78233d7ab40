package io.riffle.bench.reservoir;

import io.riffle.bench.BenchReport;
import io.riffle.streaming.cli.DurationConverter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code riffle bench reservoir}: quality (ReservoirPy's Mackey-Glass example, NARMA-10, memory capacity, adaptive
 * against non-adaptive E/I, real series against persistence) and speed (the kernel for N = 100, 300, 1000 and 10 000
 * keys, and the Flink job against that kernel on the same data). Prints a table per section and writes
 * {@code bench.json}.
 */
@Command(name = "reservoir", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Quality and throughput of the reservoir computers: ReservoirPy's Mackey-Glass example, NARMA-10,"
                + " memory capacity, real series against persistence, and the Flink job against the bare kernel.")
public final class ReservoirBenchCommand implements Callable<Integer> {
    static final String PIPELINE = "pipeline";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where bench.json and the job runs go.")
    Path out;

    @Option(names = "--data", defaultValue = "../shared/data", paramLabel = "DIR",
            description = "Folder with santafe-laser/, sunspots-tsdl-monthly/ and mackey-glass-t17/ for the"
                    + " real-series section (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--sections", split = ",", paramLabel = "NAME",
            description = "Sections to run: mg-reservoirpy, narma10, memory-capacity, real-series, state-size,"
                    + " throughput, pipeline (default: all).")
    List<String> sections;

    @Option(names = "--quick", description = "Fewer seeds, points and repeats (a few minutes instead of ~10).")
    boolean quick;

    @Option(names = "--keys", defaultValue = "10000", paramLabel = "N",
            description = "Keys in the many-keys pipeline run (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--checkpoint-interval", defaultValue = "10s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Checkpoints during the job runs (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Override
    public Integer call() throws Exception {
        Set<String> only = new LinkedHashSet<>(sections == null ? List.of() : sections);
        for (String s : only) {
            if (!ReservoirBench.SECTIONS.contains(s) && !s.equals(PIPELINE)) {
                throw new IllegalArgumentException("unknown section '" + s + "'; sections are "
                        + String.join(", ", ReservoirBench.SECTIONS) + ", " + PIPELINE);
            }
        }
        if ((only.isEmpty() || only.contains("real-series")) && !Files.isDirectory(data.resolve("santafe-laser"))) {
            throw new IllegalArgumentException("--data " + data.toAbsolutePath() + " has no santafe-laser/: give the"
                    + " shared data folder, or leave out real-series (--sections ...)");
        }
        Files.createDirectories(out);
        PrintStream console = System.out;
        BenchReport report = new BenchReport("reservoir").put("quick", quick).put("data", data.toString());
        ReservoirBench bench = new ReservoirBench(data, quick, console);
        Set<String> modelSections = new LinkedHashSet<>(only);
        modelSections.remove(PIPELINE);
        if (only.isEmpty() || !modelSections.isEmpty()) {
            bench.run(modelSections);
        }
        if (only.isEmpty() || only.contains(PIPELINE)) {
            long t0 = System.nanoTime();
            new ReservoirPipelineBench(bench, out.resolve("work"), checkpointInterval, keys, console).run();
            console.printf("(pipeline: %.1f s)%n%n", (System.nanoTime() - t0) / 1e9);
        }
        for (Map.Entry<String, Object> e : bench.report().entrySet()) {
            report.put(e.getKey(), e.getValue());
        }
        report.write(out.resolve("bench.json"));
        console.println("Wrote " + out.resolve("bench.json"));
        return 0;
    }
}
