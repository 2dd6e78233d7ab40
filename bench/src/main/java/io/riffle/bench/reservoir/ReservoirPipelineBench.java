package io.riffle.bench.reservoir;

import io.riffle.connectors.reservoir.SeriesCodecSpec;
import io.riffle.connectors.reservoir.SeriesJsonLines;
import io.riffle.models.reservoir.EsnSpec;
import io.riffle.models.reservoir.forecast.ForecasterConfig;
import io.riffle.models.reservoir.forecast.PrequentialForecaster;
import io.riffle.models.reservoir.forecast.SeriesKey;
import io.riffle.models.series.MackeyGlass;
import io.riffle.streaming.cli.ReservoirOptions;
import io.riffle.streaming.reservoir.ReservoirJobConfig;
import io.riffle.streaming.reservoir.ReservoirOutputs;
import io.riffle.streaming.reservoir.ReservoirRun;
import io.riffle.streaming.reservoir.ReservoirSummary;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Flink job against the bare kernel loop on the same data, in the same process: points per second of
 * {@link PrequentialForecaster#step} called in a loop (one thread, state on the heap; for many keys also with each
 * key's state serialised and parsed at every point, as a RocksDB-backed operator must), and of the whole job (decode
 * JSON lines, event time, keyed RocksDB state, forecasts and reports written as JSON lines, checkpoints on) at
 * parallelism 1.
 *
 * <p>The job's wall time runs from submission to its end, MiniCluster start included; that fixed cost is measured on
 * a 20-point input and also reported subtracted ({@code _steady}). On a shared machine wall time depends on the other
 * tenants, so both sides are also measured in CPU time of this process (all threads: the job's tasks, RocksDB, GC,
 * JIT): points per CPU-second, the job's less the CPU of the 20-point job. Points are 1 s apart in event time with the
 * job's default lateness (1 s) and watermark step (100 ms), so each point of a key is released on its own.
 */
final class ReservoirPipelineBench {
    private final ReservoirBench bench;
    private final Path work;
    private final Duration checkpointInterval;
    private final int manyKeys;
    private final PrintStream out;
    private final double[] series = MackeyGlass.reservoirPy().generate(60_000, 3);

    ReservoirPipelineBench(ReservoirBench bench, Path work, Duration checkpointInterval, int manyKeys,
                           PrintStream out) {
        this.bench = bench;
        this.work = work;
        this.checkpointInterval = checkpointInterval;
        this.manyKeys = manyKeys;
        this.out = out;
    }

    /** The forecaster of the throughput runs: defaults with N units, no washout (every point does all the work). */
    static ForecasterConfig forecaster(int units) {
        return ForecasterConfig.defaults().withReservoir(EsnSpec.defaults().withUnits(units)).withWashout(0, 0);
    }

    static ReservoirJobConfig job(int units) {
        return new ReservoirJobConfig(forecaster(units), new int[] {1}, SeriesCodecSpec.jsonLines(), 1000, 100,
                600_000, 0, 1_000_000, ReservoirOptions.defaultStateCacheBytes(), 0, 1);
    }

    void run() throws Exception {
        boolean quick = bench.quick();
        ReservoirBench.Table t = bench.table("pipeline");
        out.println("pipeline: a first job to warm the JVM ...");
        pipeline(100, write("warm-up", 1, OVERHEAD_POINTS), "warm-up");
        // enough points that the job's own work, not its start, dominates its time
        int[][] runs = quick ? new int[][] {{100, 30_000}, {300, 5000}, {1000, 600}}
                : new int[][] {{100, 200_000}, {300, 30_000}, {1000, 3000}};
        for (int[] run : runs) {
            int units = run[0];
            int points = run[1];
            out.printf(Locale.ROOT, "pipeline: N=%d, one key, %,d points ...%n", units, points);
            double[] kernel = kernelOneKey(units, points);
            row(t, units, 1, points, kernel, null);
        }
        int perKey = quick ? 5 : 20;
        out.printf(Locale.ROOT, "pipeline: N=100, %,d keys, %d points each ...%n", manyKeys, perKey);
        double[] heap = kernelManyKeys(100, false, (long) manyKeys * perKey);
        double[] serialized = kernelManyKeys(100, true, (long) manyKeys * perKey);
        row(t, 100, manyKeys, perKey, heap, serialized);
        t.note(String.format(Locale.ROOT, "Kernel: PrequentialForecaster.step in a loop on one thread, best and median"
                + " of timed windows. Job: parallelism 1, RocksDB, checkpoints every %d s, state cache %d MB; wall"
                + " from submission to the end; _steady: less a %d-point job of the same N (MiniCluster start,"
                + " reservoir build); _cpu: points per CPU-second of the whole process (all threads), less that"
                + " job's.", checkpointInterval.toSeconds(), ReservoirOptions.defaultStateCacheBytes() >> 20,
                OVERHEAD_POINTS));
        t.note("Same data (Mackey-Glass, tau=17) and the same forecaster (EsnSpec.defaults with N units, RLS defaults,"
                + " horizon 1, no washout) in kernel and job; points 1 s apart in event time. "
                + Runtime.getRuntime().availableProcessors() + " CPUs visible.");
        t.print();
    }

    /** Points of the short job whose cost is subtracted: MiniCluster start, reservoir build, end of the job. */
    static final int OVERHEAD_POINTS = 20;

    private void row(ReservoirBench.Table t, int units, int keys, int pointsPerKey, double[] kernel,
                     double[] serialized) throws Exception {
        Path small = write("small-" + units + "-" + keys, 1, OVERHEAD_POINTS);
        double cpu0 = processCpuSeconds();
        ReservoirSummary fixed = pipeline(units, small, "small-" + units + "-" + keys);
        double fixedCpu = processCpuSeconds() - cpu0;
        Path input = write("n" + units + "-" + keys, keys, pointsPerKey);
        cpu0 = processCpuSeconds();
        ReservoirSummary job = pipeline(units, input, "n" + units + "-" + keys);
        double jobCpu = processCpuSeconds() - cpu0;
        row(t, units, keys, job, fixed.wallSeconds(), jobCpu - fixedCpu, kernel, serialized);
    }

    private void row(ReservoirBench.Table t, int units, int keys, ReservoirSummary job, double fixedWall,
                     double extraCpu, double[] kernel, double[] serialized) {
        Map<String, Object> r = t.row();
        double extraPoints = job.points() - OVERHEAD_POINTS;
        double jobRate = job.points() / job.wallSeconds();
        double steadyRate = extraPoints / Math.max(1e-3, job.wallSeconds() - fixedWall);
        double cpuRate = extraPoints / Math.max(1e-3, extraCpu);
        r.put("units", units);
        r.put("keys", keys);
        r.put("points", job.points());
        r.put("kernel_points_per_s_best", kernel[0]);
        r.put("kernel_points_per_s_median", kernel[1]);
        if (serialized != null) {
            r.put("kernel_serialized_points_per_s_best", serialized[0]);
        }
        r.put("job_wall_s", job.wallSeconds());
        r.put("job_points_per_s", jobRate);
        r.put("job_points_per_s_steady", steadyRate);
        r.put("job_to_kernel", jobRate / kernel[0]);
        r.put("job_to_kernel_steady", steadyRate / kernel[0]);
        if (serialized != null) {
            r.put("job_to_serialized_kernel_steady", steadyRate / serialized[0]);
        }
        r.put("kernel_points_per_cpu_s", kernel[2]);
        r.put("job_points_per_cpu_s", cpuRate);
        r.put("job_to_kernel_cpu", cpuRate / kernel[2]);
        if (serialized != null) {
            r.put("job_to_serialized_kernel_cpu", cpuRate / serialized[2]);
        }
    }

    /** CPU time of this process so far (all threads), in seconds. */
    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** {best, median} points per wall second (after a warm-up), then points per CPU-second over {@code points}. */
    private double[] measure(ReservoirBench.Step step, long points) throws IOException {
        double[] wall = ReservoirBench.rate(step, bench.quick() ? 1.0 : 2.0, bench.quick() ? 2 : 3);
        double cpu0 = processCpuSeconds();
        for (long i = 0; i < points; i++) {
            step.run(i);
        }
        return new double[] {wall[0], wall[1], points / (processCpuSeconds() - cpu0)};
    }

    private double[] kernelOneKey(int units, long points) throws IOException {
        PrequentialForecaster f = new PrequentialForecaster(forecaster(units), new int[] {1}, 1);
        SeriesKey key = f.newKey();
        double[] v = new double[1];
        double[] forecast = new double[1];
        return measure(i -> {
            v[0] = series[(int) (i % series.length)];
            f.step(key, v, forecast);
        }, points);
    }

    /** Keys visited round-robin, as the job's input has them: on the heap, or as bytes parsed and written per point. */
    private double[] kernelManyKeys(int units, boolean serialize, long points) throws IOException {
        PrequentialForecaster f = new PrequentialForecaster(forecaster(units), new int[] {1}, 1);
        Map<String, SeriesKey> live = new HashMap<>();
        Map<String, byte[]> stored = new HashMap<>();
        String[] names = new String[manyKeys];
        for (int k = 0; k < manyKeys; k++) {
            names[k] = "k" + k;
            if (serialize) {
                stored.put(names[k], f.toBytes(f.newKey()));
            } else {
                live.put(names[k], f.newKey());
            }
        }
        double[] v = new double[1];
        double[] forecast = new double[1];
        return measure(i -> {
            int k = (int) (i % manyKeys);
            v[0] = value(k, (int) (i / manyKeys));
            if (serialize) {
                SeriesKey key = f.fromBytes(stored.get(names[k]));
                f.step(key, v, forecast);
                stored.put(names[k], f.toBytes(key));
            } else {
                f.step(live.get(names[k]), v, forecast);
            }
        }, points);
    }

    private double value(int key, int t) {
        return series[(t + 37 * key) % series.length];
    }

    /** {@code keys} keys, each a point per second, round-robin; key k's values are the series shifted by 37k. */
    private Path write(String name, int keys, int pointsPerKey) throws IOException {
        Path file = work.resolve(name + ".jsonl");
        Files.createDirectories(work);
        StringBuilder line = new StringBuilder(96);
        double[] value = new double[1];
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int t = 0; t < pointsPerKey; t++) {
                for (int k = 0; k < keys; k++) {
                    line.setLength(0);
                    value[0] = value(k, t);
                    SeriesJsonLines.point(line, keys == 1 ? "mackey-glass" : "k" + k, 1_700_000_000_000L + t * 1000L,
                            value);
                    w.write(line.toString());
                    w.newLine();
                }
            }
        }
        return file;
    }

    private ReservoirSummary pipeline(int units, Path input, String name) throws Exception {
        Path dir = work.resolve("run-" + name);
        ReservoirSummary s = ReservoirRun.run(new ReservoirRun.Request(job(units), input, 1 << 20,
                new ReservoirOutputs(dir), new RuntimeSettings(dir.resolve("state"), checkpointInterval, null, 0)),
                null);
        Files.deleteIfExists(input);
        return s;
    }
}
