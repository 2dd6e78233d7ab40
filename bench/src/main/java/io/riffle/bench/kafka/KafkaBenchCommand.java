package io.riffle.bench.kafka;

import io.riffle.bench.BenchReport;
import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.kafka.EmbeddedKafka;
import io.riffle.connectors.kafka.EventTimeSource;
import io.riffle.connectors.kafka.HistoryLoader;
import io.riffle.connectors.kafka.KafkaCluster;
import io.riffle.connectors.kafka.KafkaInput;
import io.riffle.connectors.kafka.KafkaOutput;
import io.riffle.connectors.kafka.KafkaStart;
import io.riffle.connectors.kafka.KafkaStop;
import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.features.FeatureSpace;
import io.riffle.models.features.FieldCross;
import io.riffle.operators.ctr.ScoringMode;
import io.riffle.streaming.cli.DurationConverter;
import io.riffle.streaming.cli.StateBackendConverter;
import io.riffle.streaming.ctr.ClickLogFile;
import io.riffle.streaming.ctr.CtrJobConfig;
import io.riffle.streaming.ctr.CtrKafkaJob;
import io.riffle.streaming.ctr.CtrKafkaRun;
import io.riffle.streaming.ctr.CtrKafkaSettings;
import io.riffle.streaming.ctr.CtrOutputs;
import io.riffle.streaming.ctr.CtrRun;
import io.riffle.streaming.ctr.CtrSummary;
import io.riffle.streaming.ctr.CtrTopics;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.RuntimeSettings;
import io.riffle.streaming.runtime.StateBackendKind;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code riffle bench kafka}: the CTR job through Kafka against the file replay of the same data, and the latency of a
 * live job, in one process with the in-process broker.
 *
 * <ol>
 *   <li>throughput: the simulated click log replayed from a file, and the same log loaded into topics and replayed
 *       from Kafka to Kafka (exactly-once outputs), both with checkpoints on; wall time of each job (MiniCluster
 *       start included, loading the topics not), best of {@code --repeat}; the ratio Kafka / file;
 *   <li>latency: a live job (scoring with the newest model) fed at a fixed rate with impressions stamped with the
 *       time they are sent, and labels for some of them half a second later; from each send to the receipt of its
 *       prediction by a consumer, as {@code read_uncommitted} sees it (the record is written) and as
 *       {@code read_committed} sees it (its transaction is committed, at the next completed checkpoint). One live job
 *       per state backend ({@code --latency-backends}), each after a warm-up long enough for the JIT to settle on a
 *       2-core machine, and with an attribution window shorter than it, so the trainer learns while latency is
 *       measured.
 * </ol>
 */
@Command(name = "kafka", mixinStandardHelpOptions = true, sortOptions = false,
        description = "End-to-end throughput through Kafka against the file replay of the same data, and the"
                + " event-to-prediction latency of a live job at a fixed rate, with the in-process broker.")
public final class KafkaBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", defaultValue = "riffle-work/bench-kafka", paramLabel = "DIR",
            description = "Where bench.json and the runs go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--events", defaultValue = "200000", paramLabel = "N",
            description = "Impressions in the throughput runs (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "N",
            description = "Throughput runs of each path, alternating; the best of each gives the ratio, the medians"
                    + " a second one (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--rate", defaultValue = "5000", paramLabel = "N",
            description = "Impressions per second in the latency run (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--latency-backends", defaultValue = "rocksdb,hashmap", split = ",",
            converter = StateBackendConverter.class, paramLabel = "NAME[,NAME]",
            description = "Latency run: the state backends to measure, one live job each (default: ${DEFAULT-VALUE}).")
    List<StateBackendKind> latencyBackends;

    @Option(names = "--live-attribution-window", defaultValue = "10s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Latency run: the label join's attribution window. Shorter than"
                    + " the warm-up, so that the trainer learns (every impression's window closes) while latency is"
                    + " measured, as in a live job's steady state (default: ${DEFAULT-VALUE}).")
    Duration liveAttributionWindow;

    @Option(names = "--warmup", defaultValue = "60s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Latency run: time at the rate before measuring (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--measure", defaultValue = "40s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Latency run: time measured (default: ${DEFAULT-VALUE}).")
    Duration measure;

    @Option(names = "--checkpoint-interval", defaultValue = "10s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Checkpoints in every run (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--attribution-window", defaultValue = "5m", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "The label join's attribution window in every run: impressions"
                    + " inside it wait in the join's state, one event-time timer each (default: ${DEFAULT-VALUE}).")
    Duration attributionWindow;

    @Option(names = "--buffer-timeout", defaultValue = "2ms", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "Latency run: Flink's network buffer timeout (Flink's default is 100ms)"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration bufferTimeout;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Measure against this broker (e.g. `riffle kafka serve` in its own process, as brokers run in"
                    + " production) instead of one started in this process. Topics and groups get a name of their"
                    + " own per run, so a broker can serve several runs.")
    String bootstrapServers;

    @Option(names = "--linger", defaultValue = "1ms", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Latency run: linger.ms of the producer that feeds the job and of the job's predictions"
                    + " sink: 0 sends every record in its own request, which on a small machine costs the broker"
                    + " more than the wait saves (default: ${DEFAULT-VALUE}; Kafka's own default is 5ms).")
    Duration linger;

    @Option(names = "--probe-input", description = "Latency run: also read the impressions topic with a plain consumer"
            + " and trace send -> broker -> consumer alone (live-BACKEND/input-trace.csv, and `input` in bench.json):"
            + " what the broker and the machine add without the job. Costs the machine one more consumer"
            + " (default: off).")
    boolean probeInput;

    /** The latency target (p99, read_uncommitted); the trace counts, per 100 ms, the events slower than it. */
    private static final long P99_TARGET_MILLIS = 20;

    /** Suffix of this run's topics and groups: none on the fresh in-process broker. */
    private String runId = "";

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        if (repeat < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--repeat must be at least 1, got " + repeat);
        }
        Files.createDirectories(out);
        // A broker left by an earlier run in the same --out still holds its topics and group offsets (loading the
        // log again would double every topic), and the cancelled live job its checkpoints (which a new live job
        // would resume from). Each run starts from an empty broker and a fresh live job.
        FileUtils.deleteDirectory(out.resolve("kafka").toFile());
        for (StateBackendKind backend : StateBackendKind.values()) {
            FileUtils.deleteDirectory(out.resolve("live-" + backend.flinkName()).toFile());
        }
        BenchReport report = new BenchReport("kafka").put("events", events).put("repeat", repeat)
                .put("checkpointIntervalSeconds", checkpointInterval.toSeconds())
                .put("loadAverageBefore", loadAverage());
        CtrJobConfig replay = config(ScoringMode.EVENT_TIME);
        Path data = out.resolve("clicks.jsonl");
        ClickLogFile.Written written = ClickLogFile.write(data, events, 42);
        console.printf("Simulated %,d impressions and %,d labels -> %s%n", written.impressions(), written.clicks(),
                data);

        runId = bootstrapServers == null ? "" : "-" + System.currentTimeMillis();
        report.put("broker", bootstrapServers == null ? "in this process" : bootstrapServers);
        try (EmbeddedKafka kafka = bootstrapServers == null ? EmbeddedKafka.start(out.resolve("kafka"), 0) : null) {
            String bootstrap = kafka != null ? kafka.bootstrapServers() : bootstrapServers;
            console.println("1/3 loading the log into Kafka (not timed) ...");
            HistoryLoader.Result loaded = HistoryLoader.load(new HistoryLoader.Request(bootstrap, Map.of(),
                    named("bench.impressions"), named("bench.labels"), data, CtrCodecSpec.of(CtrFormat.JSONL), 0, 4,
                    LineFileSource.DEFAULT_MAX_RECORD_BYTES, Duration.ofSeconds(30)), null);
            report.put("loadedRecords", loaded.records()).put("loadSeconds", loaded.seconds());

            console.println("2/3 throughput: file replay and Kafka replay of the same log, " + repeat + " each (after"
                    + " an untimed warm-up run of each) ...");
            Path warmData = out.resolve("warm-up.jsonl");
            ClickLogFile.write(warmData, Math.min(events, 20_000), 43);
            CtrRun.run(new CtrRun.Request(replay, warmData, null, LineFileSource.DEFAULT_MAX_RECORD_BYTES,
                    new CtrOutputs(out.resolve("warm-up-file")), runtime(out.resolve("warm-up-file"))), null);
            long warmUntil = loaded.firstTime() + (loaded.lastTime() - loaded.firstTime()) / 10;
            CtrKafkaRun.run(new CtrKafkaRun.Request(replay, replaySettings(bootstrap, -1, KafkaStop.at(warmUntil)),
                    new CtrOutputs(out.resolve("warm-up-kafka")), runtime(out.resolve("warm-up-kafka"))), null);
            List<Double> fileRates = new ArrayList<>();
            List<Double> kafkaRates = new ArrayList<>();
            CtrSummary file = null;
            CtrSummary viaKafka = null;
            for (int r = 0; r < repeat; r++) {
                Path dir = out.resolve("file-" + r);
                file = CtrRun.run(new CtrRun.Request(replay, data, null, LineFileSource.DEFAULT_MAX_RECORD_BYTES,
                        new CtrOutputs(dir), runtime(dir)), null);
                fileRates.add(file.eventsPerSecond());
                console.printf("  file  run %d: %,.0f events/s (%.1f s)%n", r + 1, file.eventsPerSecond(),
                        file.wallSeconds());
                dir = out.resolve("kafka-" + r);
                viaKafka = CtrKafkaRun.run(new CtrKafkaRun.Request(replay, replaySettings(bootstrap, r, KafkaStop.END),
                        new CtrOutputs(dir), runtime(dir)), null);
                kafkaRates.add(viaKafka.eventsPerSecond());
                console.printf("  kafka run %d: %,.0f events/s (%.1f s), %,d predictions committed%n", r + 1,
                        viaKafka.eventsPerSecond(), viaKafka.wallSeconds(), viaKafka.predictions());
                console.flush();
            }
            double bestFile = fileRates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double bestKafka = kafkaRates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            report.put("fileEventsPerSecond", bestFile).put("kafkaEventsPerSecond", bestKafka)
                    .put("fileRuns", fileRates).put("kafkaRuns", kafkaRates)
                    .put("kafkaToFileRatio", bestKafka / bestFile)
                    .put("kafkaToFileRatioOfMedians", median(kafkaRates) / median(fileRates))
                    .put("sameSummary", file != null && viaKafka != null
                            && file.examples() == viaKafka.examples() && file.predictions() == viaKafka.predictions());

            Map<String, Object> latency = new LinkedHashMap<>();
            for (StateBackendKind backend : latencyBackends) {
                console.printf("3/3 latency: live job on %s state at %,d impressions/s, %s attribution window, %s"
                        + " warm-up, %s measured, checkpoints every %s ...%n", backend.flinkName(), rate,
                        liveAttributionWindow, warmup, measure, checkpointInterval);
                latency.put(backend.flinkName(), latency(bootstrap, backend, console));
            }
            report.put("latency", latency);
        }
        report.put("loadAverageAfter", loadAverage());
        report.put("targets", Map.of("kafkaToFileRatio", ">= 0.7",
                "p99Ms (read_uncommitted)", "<= " + P99_TARGET_MILLIS));
        report.print(console);
        report.write(out.resolve("bench.json"));
        console.println("Wrote " + out.resolve("bench.json"));
        return 0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The system's one-minute load average: figures from a busy machine say so. */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** A topic's or group's name in this run: as given with the in-process broker, with the run's id on another. */
    private String named(String name) {
        return name + runId;
    }

    private CtrJobConfig config(ScoringMode mode) {
        return config(mode, attributionWindow);
    }

    private CtrJobConfig config(ScoringMode mode, Duration attributionWindow) {
        return new CtrJobConfig("ctr", FtrlParams.defaults(),
                new FeatureSpace(FeatureSpace.DEFAULT_BITS, List.of(new FieldCross("site", "ad")), 0),
                CtrCodecSpec.of(CtrFormat.JSONL), true, attributionWindow.toMillis(), -1, 1000, 100, mode, 0,
                1000, 10_000, 0, 1, null);
    }

    private RuntimeSettings runtime(Path dir) {
        return new RuntimeSettings(dir.resolve("state"), checkpointInterval, null, 0);
    }

    private CtrKafkaSettings replaySettings(String bootstrap, int run, KafkaStop stop) {
        String group = named("bench-replay-" + (run < 0 ? "warm-up" : run));
        KafkaInput impressions = new KafkaInput(bootstrap, List.of(named("bench.impressions")), 0, group,
                KafkaStart.EARLIEST, stop, EventTimeSource.FIELD, "time",
                LineFileSource.DEFAULT_MAX_RECORD_BYTES, Map.of());
        KafkaInput labels = new KafkaInput(bootstrap, List.of(named("bench.labels")), 1, group, KafkaStart.EARLIEST,
                stop, EventTimeSource.FIELD, "time", LineFileSource.DEFAULT_MAX_RECORD_BYTES, Map.of());
        String prefix = named("bench.replay-" + (run < 0 ? "warm-up" : run));
        return new CtrKafkaSettings(impressions, labels, new CtrTopics(prefix + ".predictions", prefix + ".metrics",
                prefix + ".dead-letters", prefix + ".model-versions"), new KafkaOutput(bootstrap, group,
                Duration.ofMinutes(5), Map.of()), Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /** The live run on {@code backend}: returns the latency figures of both isolation levels. */
    private Map<String, Object> latency(String bootstrap, StateBackendKind backend, PrintWriter console)
            throws Exception {
        CtrJobConfig live = config(ScoringMode.LATEST, liveAttributionWindow);
        String topic = named("live-" + backend.flinkName());
        String group = named("bench-live");
        try (KafkaCluster cluster = KafkaCluster.connect(bootstrap, Map.of(), Duration.ofSeconds(30))) {
            cluster.createMissing(Map.of(topic + ".impressions", 2, topic + ".labels", 1), Map.of());
        }
        KafkaInput impressions = new KafkaInput(bootstrap, List.of(topic + ".impressions"), 0, group,
                KafkaStart.EARLIEST, KafkaStop.NEVER, EventTimeSource.FIELD, "time",
                LineFileSource.DEFAULT_MAX_RECORD_BYTES, Map.of());
        KafkaInput labels = new KafkaInput(bootstrap, List.of(topic + ".labels"), 1, group, KafkaStart.EARLIEST,
                KafkaStop.NEVER, EventTimeSource.FIELD, "time", LineFileSource.DEFAULT_MAX_RECORD_BYTES, Map.of());
        CtrKafkaSettings settings = new CtrKafkaSettings(impressions, labels, new CtrTopics(topic + ".predictions",
                topic + ".metrics", topic + ".dead-letters", topic + ".model-versions"),
                new KafkaOutput(bootstrap, group, Duration.ofMinutes(5), Map.of("linger.ms",
                        Long.toString(linger.toMillis()))),
                Duration.ofSeconds(10), Duration.ofSeconds(30));
        Path dir = out.resolve("live-" + backend.flinkName());
        RuntimeSettings runtime = runtime(dir).withStateBackend(backend);
        CtrOutputs outputs = new CtrOutputs(dir);
        CtrKafkaRun.check(new CtrKafkaRun.Request(live, settings, outputs, runtime));
        StreamExecutionEnvironment env = FlinkSetup.environment(runtime);
        env.setParallelism(1);
        env.setBufferTimeout(bufferTimeout.toMillis());
        CtrKafkaJob.build(env, live, settings, outputs);
        JobClient job = env.executeAsync("riffle bench kafka latency");

        int warm = (int) (rate * warmup.toMillis() / 1000);
        int total = warm + (int) (rate * measure.toMillis() / 1000);
        long[] sent = new long[total];
        LatencyProbe uncommitted = new LatencyProbe(bootstrap, topic + ".predictions", "read_uncommitted", sent);
        LatencyProbe committed = new LatencyProbe(bootstrap, topic + ".predictions", "read_committed", sent);
        // The input probe reads what the job reads, as the job's source does: its spikes are the broker's and the
        // machine's, not the job's.
        LatencyProbe input = probeInput
                ? new LatencyProbe(bootstrap, topic + ".impressions", "read_uncommitted", sent, "latency-input")
                : null;
        uncommitted.start();
        committed.start();
        if (input != null) {
            input.start();
        }
        ThreadCpu cpu = new ThreadCpu();
        Map<String, Double> cpuCores;
        try {
            produce(bootstrap, topic, sent, total, warm, cpu::start);
            cpuCores = cpu.coresSinceStart();
            long deadline = System.nanoTime() + 3 * checkpointInterval.toNanos() + 30_000_000_000L;
            while ((committed.received() < total || uncommitted.received() < total) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            uncommitted.stop();
            committed.stop();
            if (input != null) {
                input.stop();
            }
            job.cancel().get();
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("stateBackend", backend.flinkName());
        // Who takes the cores while latency is measured: on 2 cores the broker and clients weigh as much as the job.
        figures.put("cpuCores", cpuCores);
        figures.put("rate", rate);
        figures.put("attributionWindowSeconds", liveAttributionWindow.toSeconds());
        figures.put("warmupSeconds", warmup.toSeconds());
        figures.put("measuredSeconds", measure.toSeconds());
        figures.put("checkpointIntervalSeconds", checkpointInterval.toSeconds());
        figures.put("bufferTimeoutMs", bufferTimeout.toMillis());
        figures.put("lingerMs", linger.toMillis());
        figures.put("scoringMode", "latest");
        // The trace's wall-clock column lines its spikes up with GC and checkpoint logs.
        long nanoToEpochMillis = System.currentTimeMillis() - System.nanoTime() / 1_000_000;
        long measureStartEpochMillis = nanoToEpochMillis + sent[warm] / 1_000_000;
        uncommitted.writeTrace(dir.resolve("latency-trace.csv"), warm, total, measureStartEpochMillis,
                P99_TARGET_MILLIS);
        figures.put("trace", dir.resolve("latency-trace.csv").toString());
        figures.put("written", uncommitted.summary(warm, total));
        // Whether the tail follows the checkpoints: the share of the slow events sent in the busiest 600 ms of the
        // checkpoint cycle, against the 6% an even spread would give.
        figures.put("writtenSlowAtCheckpoints", slowAtCheckpoints(uncommitted, warm, total));
        figures.put("committed", committed.summary(warm, total));
        console.printf("  written (read_uncommitted): %s%n    slower than %d ms, by place in the checkpoint cycle: %s%n"
                + "  committed (read_committed): %s%n", figures.get("written"), P99_TARGET_MILLIS,
                figures.get("writtenSlowAtCheckpoints"), figures.get("committed"));
        if (input != null) {
            input.writeTrace(dir.resolve("input-trace.csv"), warm, total, measureStartEpochMillis, P99_TARGET_MILLIS);
            figures.put("inputTrace", dir.resolve("input-trace.csv").toString());
            figures.put("input", input.summary(warm, total));
            figures.put("inputSlowAtCheckpoints", slowAtCheckpoints(input, warm, total));
            console.printf("  input alone (impressions topic, read_uncommitted): %s%n", figures.get("input"));
        }
        return figures;
    }

    /** The slow events of {@code [from, to)} by place in the checkpoint cycle; none for a cycle under 100 ms. */
    private Map<String, Object> slowAtCheckpoints(LatencyProbe probe, int from, int to) {
        long interval = checkpointInterval.toMillis();
        return interval < 100 ? Map.of() : probe.checkpointPhase(from, to, P99_TARGET_MILLIS, interval).toMap();
    }

    /**
     * Sends {@code total} impressions at the fixed rate, and a label 500 ms later for about one in ten; runs
     * {@code atMeasureStart} just before impression {@code measureFrom} is sent.
     */
    private void produce(String bootstrap, String topic, long[] sent, int total, int measureFrom,
                         Runnable atMeasureStart) throws InterruptedException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(linger.toMillis()));
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        SplittableRandom random = new SplittableRandom(7);
        ArrayDeque<long[]> labels = new ArrayDeque<>();
        StringBuilder json = new StringBuilder(256);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + (long) (i * 1e9 / rate);
                // Park, never spin: on a 2-core machine a spinning producer takes a core from the job it measures.
                // An impression is sent within about a millisecond of its due time, and its latency is counted from
                // when it is actually sent.
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                long now = System.currentTimeMillis();
                while (!labels.isEmpty() && labels.peek()[1] <= now) {
                    long[] l = labels.poll();
                    String id = "L" + l[0];
                    producer.send(new ProducerRecord<>(topic + ".labels", null, l[1], utf8(id),
                            utf8("{\"id\":\"" + id + "\",\"time\":" + l[1] + ",\"label\":1}")));
                }
                if (i == measureFrom) {
                    atMeasureStart.run();
                }
                String id = "L" + i;
                int site = random.nextInt(50);
                int ad = random.nextInt(500);
                json.setLength(0);
                json.append("{\"id\":\"").append(id).append("\",\"time\":").append(now)
                        .append(",\"features\":{\"site\":\"s").append(site).append("\",\"ad\":\"a").append(ad)
                        .append("\",\"device\":\"d").append(random.nextInt(4)).append("\"},\"numeric\":{\"bid\":")
                        .append(random.nextInt(100) / 100.0).append("}}");
                sent[i] = System.nanoTime();
                producer.send(new ProducerRecord<>(topic + ".impressions", null, now, utf8(id), utf8(json.toString())));
                if (random.nextInt(10) == 0) {
                    labels.add(new long[] {i, now + 500});
                }
            }
            producer.flush();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
