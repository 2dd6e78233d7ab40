package io.riffle.bench.onnx;

import io.riffle.models.ctr.deep.Dense;
import io.riffle.models.ctr.deep.FinalMlp;
import io.riffle.models.event.Impression;
import io.riffle.models.event.Prediction;
import io.riffle.models.onnx.Device;
import io.riffle.models.onnx.MappedOnnxSpec;
import io.riffle.models.onnx.OnnxMapping;
import io.riffle.models.onnx.OnnxScorer;
import io.riffle.models.onnx.OnnxSessions;
import io.riffle.models.scoring.OnnxModelVersion;
import io.riffle.operators.onnx.BatchSettings;
import io.riffle.operators.onnx.SingleInputBatchScoringOperator;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code riffle bench onnx}: in one run, (1) throughput against batch size, 1 … 4096, of ONNX Runtime (CPU) and of
 * Riffle's pure-Java forward pass ({@link FinalMlp}) on the same model and the same input tensors; (2) the latency
 * the batching operator adds per event, in a real Flink job, at a given batch size and timeout and a few event rates.
 * Writes {@code bench.json}.
 *
 * <p>Throughput: each engine scores the same {@code B} featurized events (the mapping's work is timed apart, once)
 * for a warm-up, then for the measured time; the figure is events per second of one thread. Latency: a rate-limited
 * generator feeds the operator chained behind it (one task thread, as in production); each event carries the
 * {@code System.nanoTime()} of its creation in its id, and a map right after the operator records how long it took to
 * come out: the wait in the batch plus the batch's inference. A source that cannot keep up is back-pressured rather
 * than queued, so the rate the job sustained is reported beside the rate asked for.
 */
final class OnnxBench {
    /** The options of one run. */
    record Options(Path model, Path mapping, int threads, double secondsPerPoint, int maxBatch, int latencyBatch,
                   long latencyTimeoutMillis, double[] rates, double latencySeconds) {}

    private final Options options;
    private final PrintWriter out;

    OnnxBench(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    Map<String, Object> run() throws Exception {
        byte[] model = Files.readAllBytes(options.model());
        OnnxMapping mapping = OnnxMapping.read(options.mapping());
        List<Impression> events = SimulatedClicks.generate(8192, 42).impressions();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("machine", machine());
        doc.put("model", Map.of("file", options.model().toString(), "bytes", model.length, "arch", "finalmlp"));
        doc.put("throughput", throughput(model, mapping, events));
        doc.put("latency", latency(mapping));
        doc.put("gpu", OnnxSessions.cudaBuild()
                ? "CUDA build of ONNX Runtime on the class path; see device in machine"
                : "unmeasured: this build has no CUDA execution provider and this machine no GPU (build with -Pgpu"
                        + " and run on a CUDA 12 / cuDNN 9 node)");
        return doc;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("cpu", cpuModel());
        m.put("onnxruntime", OnnxSessions.environment().getVersion());
        return m;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return "unknown";
    }

    // ---- throughput --------------------------------------------------------------------------------------------------

    private List<Map<String, Object>> throughput(byte[] model, OnnxMapping mapping, List<Impression> events) {
        FinalMlp java = FinalMlp.fromOnnx(model, Dense.Kernel.EJML);
        FinalMlp axpy = FinalMlp.fromOnnx(model, Dense.Kernel.AXPY);
        List<Map<String, Object>> rows = new ArrayList<>();
        out.printf("%-7s %16s %16s %16s %10s%n", "batch", "ORT CPU ev/s", "Java ev/s", "Java axpy ev/s",
                "Java/ORT");
        try (OnnxScorer ort = OnnxScorer.open(model, mapping, Device.CPU, options.threads(), options.maxBatch())) {
            long t0 = System.nanoTime();
            ort.featurize(events, 0, events.size());
            double featurizePerSecond = events.size() / ((System.nanoTime() - t0) / 1e9);
            for (int b = 1; b <= options.maxBatch(); b *= 2) {
                int batch = b;
                ort.featurize(events, 0, batch);
                long[] ids = ort.idsOf("cat_ids", batch);
                float[] bid = ort.valuesOf("bid", batch);
                double[] scores = new double[batch];
                double ortRate = rate(batch, () -> ort.run(batch, scores, 0));
                double javaRate = rate(batch, () -> java.forward(ids, bid, batch, scores));
                double axpyRate = rate(batch, () -> axpy.forward(ids, bid, batch, scores));
                out.printf("%-7d %,16.0f %,16.0f %,16.0f %10.2f%n", batch, ortRate, javaRate, axpyRate,
                        javaRate / ortRate);
                out.flush();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("batch", batch);
                row.put("ortEventsPerSecond", Math.round(ortRate));
                row.put("javaEventsPerSecond", Math.round(javaRate));
                row.put("javaAxpyEventsPerSecond", Math.round(axpyRate));
                row.put("ortMicrosPerBatch", round(1e6 * batch / ortRate));
                row.put("javaMicrosPerBatch", round(1e6 * batch / javaRate));
                rows.add(row);
            }
            Map<String, Object> featurize = new LinkedHashMap<>();
            featurize.put("batch", "mapping only");
            featurize.put("featurizeEventsPerSecond", Math.round(featurizePerSecond));
            rows.add(featurize);
        }
        return rows;
    }

    /** Events per second of {@code call} scoring {@code batch} events: warm up, then time. */
    private double rate(int batch, Runnable call) {
        long warmup = (long) (options.secondsPerPoint() * 0.4e9);
        long measure = (long) (options.secondsPerPoint() * 1e9);
        long start = System.nanoTime();
        while (System.nanoTime() - start < warmup) {
            call.run();
        }
        long calls = 0;
        start = System.nanoTime();
        long elapsed;
        do {
            call.run();
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < measure || calls < 3);
        return calls * (double) batch / (elapsed / 1e9);
    }

    // ---- latency ---------------------------------------------------------------------------------------------------

    /** Latencies (ns) recorded by the map behind the operator; the job runs in this JVM. */
    static final ConcurrentLinkedQueue<long[]> LATENCIES = new ConcurrentLinkedQueue<>();
    /** Creation times (ns) of the first and last event the map saw: the rate the job actually sustained. */
    static final java.util.concurrent.atomic.AtomicLong FIRST_MADE = new java.util.concurrent.atomic.AtomicLong();
    static final java.util.concurrent.atomic.AtomicLong LAST_MADE = new java.util.concurrent.atomic.AtomicLong();

    private List<Map<String, Object>> latency(OnnxMapping mapping) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        out.printf("%nlatency the batching operator adds (Flink job, one task thread):%n");
        out.printf("%-7s %-9s %10s %11s %10s %9s %9s %9s %9s%n", "batch", "timeout", "rate ev/s", "sustained",
                "events", "mean ms", "p50 ms", "p99 ms", "max ms");
        for (double rate : options.rates()) {
            for (int batch : new int[] {options.latencyBatch(), 1}) {
                long timeout = batch == 1 ? 0 : options.latencyTimeoutMillis();
                Map<String, Object> row = latencyRun(mapping, batch, timeout, rate);
                rows.add(row);
                out.printf("%-7d %-9s %,10.0f %,11d %,10d %9.3f %9.3f %9.3f %9.3f%n", batch, timeout + " ms", rate,
                        (long) row.get("sustainedPerSecond"), (long) row.get("events"), row.get("meanMs"),
                        row.get("p50Ms"), row.get("p99Ms"), row.get("maxMs"));
                out.flush();
            }
        }
        return rows;
    }

    private Map<String, Object> latencyRun(OnnxMapping mapping, int batch, long timeout,
                                           double rate) throws Exception {
        LATENCIES.clear();
        FIRST_MADE.set(Long.MAX_VALUE);
        LAST_MADE.set(Long.MIN_VALUE);
        long n = Math.max(1000, (long) (rate * options.latencySeconds()));
        Path state = Files.createTempDirectory("riffle-bench-onnx");
        RuntimeSettings runtime = new RuntimeSettings(state, Duration.ofMinutes(10), null, 0);
        StreamExecutionEnvironment env = FlinkSetup.environment(runtime);
        env.setParallelism(1);
        GeneratorFunction<Long, Impression> generator = new PacedImpressions();
        DataGeneratorSource<Impression> source = new DataGeneratorSource<>(generator, n,
                RateLimiterStrategy.perSecond(rate), TypeInformation.of(Impression.class));
        MappedOnnxSpec spec = new MappedOnnxSpec(options.model().toAbsolutePath().toString(), mapping, Device.CPU,
                options.threads(), batch, 0);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "paced events").uid("bench-source")
                .transform("score", TypeInformation.of(Prediction.class), new SingleInputBatchScoringOperator<>(spec,
                        BatchSettings.latest(batch, timeout), TypeInformation.of(Impression.class),
                        TypeInformation.of(OnnxModelVersion.class))).uid("bench-scorer")
                .map(new Latency()).uid("bench-latency").name("latency")
                .sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>()).uid("bench-sink");
        env.execute("riffle bench onnx latency");
        io.riffle.streaming.runtime.Checkpoints.clear(state);
        // In arrival order; the first second (or quarter) is JIT and session warm-up, and is left out.
        long[] all = LATENCIES.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).toArray();
        int skip = (int) Math.min(all.length / 4, (long) rate);
        long[] sorted = Arrays.copyOfRange(all, skip, all.length);
        Arrays.sort(sorted);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("batch", batch);
        row.put("timeoutMs", timeout);
        row.put("ratePerSecond", rate);
        row.put("events", (long) sorted.length);
        row.put("sustainedPerSecond", Math.round(all.length / ((LAST_MADE.get() - FIRST_MADE.get()) / 1e9)));
        row.put("meanMs", round(Arrays.stream(sorted).average().orElse(0) / 1e6));
        row.put("p50Ms", round(sorted[sorted.length / 2] / 1e6));
        row.put("p99Ms", round(sorted[(int) (sorted.length * 0.99)] / 1e6));
        row.put("maxMs", round(sorted[sorted.length - 1] / 1e6));
        return row;
    }

    /** Simulated impressions, stamped with {@code System.nanoTime()} (in the id) when the source makes them. */
    static final class PacedImpressions implements GeneratorFunction<Long, Impression> {
        private transient Impression[] pool;

        @Override
        public void open(org.apache.flink.api.connector.source.SourceReaderContext context) {
            pool = SimulatedClicks.generate(8192, 42).impressions().toArray(new Impression[0]);
        }

        @Override
        public Impression map(Long i) {
            Impression e = pool[(int) (i % pool.length)];
            return new Impression(Long.toString(System.nanoTime()), e.time(), i, e.fields(), e.values(),
                    e.numericFields(), e.numeric(), e.label());
        }
    }

    /** Records, per prediction, nanoseconds since its event was made (the id holds the creation time). */
    static final class Latency implements MapFunction<Prediction, Prediction> {
        private transient long[] chunk;
        private transient int filled;

        @Override
        public Prediction map(Prediction p) {
            long now = System.nanoTime();
            if (chunk == null || filled == chunk.length) {
                chunk = new long[4096];
                filled = 0;
                LATENCIES.add(chunk);
            }
            long made = Long.parseLong(p.id());
            chunk[filled++] = now - made;
            FIRST_MADE.accumulateAndGet(made, Math::min);
            LAST_MADE.accumulateAndGet(made, Math::max);
            return p;
        }
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
