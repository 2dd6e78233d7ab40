package io.riffle.streaming.ctr;

import io.riffle.connectors.kafka.KafkaCluster;
import io.riffle.connectors.kafka.KafkaInput;
import io.riffle.connectors.kafka.KafkaOutput;
import io.riffle.connectors.kafka.TopicReader;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.LocalRun;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs a CTR job against Kafka on a local MiniCluster: checks the cluster first (reachable, input topics present,
 * exactly-once settings the broker accepts), creates missing output topics, runs with the progress line, and for a
 * bounded input writes {@code summary.json} with the predictions counted back from the topic as a
 * {@code read_committed} consumer sees them.
 */
public final class CtrKafkaRun {
    private CtrKafkaRun() {}

    /**
     * A run's configuration, Kafka settings, local outputs and runtime.
     *
     * @param bufferTimeout how long Flink holds records in a network buffer before sending it (lower: less latency,
     *                      more overhead), or null for Flink's default (100 ms)
     */
    public record Request(CtrJobConfig config, CtrKafkaSettings kafka, CtrOutputs outputs, RuntimeSettings runtime,
                          Duration bufferTimeout) {
        public Request(CtrJobConfig config, CtrKafkaSettings kafka, CtrOutputs outputs, RuntimeSettings runtime) {
            this(config, kafka, outputs, runtime, null);
        }

        public Request {
            if (bufferTimeout != null && bufferTimeout.isNegative()) {
                throw new IllegalArgumentException("--buffer-timeout must be >= 0, got " + bufferTimeout);
            }
        }
    }

    /** What the checks found: partitions of the input topics, and where the predictions topic ended before. */
    public record Plan(Map<String, Integer> inputPartitions, Map<TopicPartition, Long> predictionsBefore,
                       List<String> createdTopics, OptionalLong brokerMaxTransactionTimeoutMillis) {}

    /**
     * Checks the cluster and prepares the output topics.
     *
     * @throws io.riffle.connectors.kafka.KafkaUnreachableException if no broker answers
     * @throws IllegalArgumentException naming what to fix: a missing input topic, a transaction timeout the broker
     *                                  would refuse or too short for the checkpoint interval
     */
    public static Plan check(Request request) {
        CtrKafkaSettings kafka = request.kafka();
        KafkaOutput output = kafka.output();
        checkTransactionTimeout(output.transactionTimeout(), request.runtime().checkpointInterval(),
                OptionalLong.empty());
        try (KafkaCluster cluster = KafkaCluster.connect(kafka.impressions().bootstrapServers(),
                kafka.impressions().clientProperties(), kafka.kafkaTimeout())) {
            List<String> inputs = kafka.inputTopics();
            Map<String, Integer> partitions = cluster.partitions(inputs);
            List<String> missing = new ArrayList<>(inputs);
            missing.removeAll(partitions.keySet());
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("input topic" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing) + " not found on " + cluster.bootstrapServers()
                        + " (--topic, --labels-topic; riffle kafka load writes a recorded history into a topic)");
            }
            OptionalLong brokerMax = cluster.maxTransactionTimeoutMillis();
            checkTransactionTimeout(output.transactionTimeout(), request.runtime().checkpointInterval(), brokerMax);
            CtrTopics topics = kafka.topics();
            Map<String, Integer> outputs = new LinkedHashMap<>();
            int impressionPartitions = kafka.impressions().topics().stream().mapToInt(partitions::get).max()
                    .orElse(1);
            outputs.put(topics.predictions(), impressionPartitions);
            outputs.put(topics.metrics(), 1);
            outputs.put(topics.deadLetters(), 1);
            outputs.put(topics.modelVersions(), 1);
            List<String> created = cluster.createMissing(outputs, Map.of());
            return new Plan(partitions, cluster.committedEndOffsets(topics.predictions()), created, brokerMax);
        }
    }

    /**
     * A transaction stays open from one checkpoint until the next one completes and commits it, so its timeout must
     * be well above the checkpoint interval; and the broker refuses producers asking for more than its
     * {@code transaction.max.timeout.ms}.
     */
    public static void checkTransactionTimeout(Duration timeout, Duration checkpointInterval,
                                               OptionalLong brokerMaxMillis) {
        if (timeout.compareTo(checkpointInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("--transaction-timeout " + KafkaCluster.describe(timeout)
                    + " is too short for --checkpoint-interval " + KafkaCluster.describe(checkpointInterval) + ": a"
                    + " Kafka transaction stays open from one checkpoint until the next completes, and the broker"
                    + " aborts it (losing its records) when it times out. Use at least twice the interval, plus the"
                    + " longest outage to survive.");
        }
        if (brokerMaxMillis.isPresent() && timeout.toMillis() > brokerMaxMillis.getAsLong()) {
            throw new IllegalArgumentException("--transaction-timeout " + KafkaCluster.describe(timeout)
                    + " is longer than the broker's transaction.max.timeout.ms ("
                    + KafkaCluster.describe(Duration.ofMillis(brokerMaxMillis.getAsLong())) + "), which would refuse"
                    + " the job's producers. Lower it (keeping it above twice --checkpoint-interval) or raise the"
                    + " broker's limit.");
        }
    }

    /** Runs the job locally; returns its summary once a bounded input is done (a live job runs until stopped). */
    public static CtrSummary run(Request request, PrintWriter progress) throws Exception {
        if (request.runtime().cluster()) {
            throw new IllegalArgumentException("run is for local runs; a cluster run is submitted (submit)");
        }
        Plan plan = check(request);
        CtrKafkaSettings kafka = request.kafka();
        if (progress != null) {
            describe(request, plan, progress);
        }
        StreamExecutionEnvironment env = build(request);
        double wall = LocalRun.execute(env, "riffle ctr kafka " + kafka.impressions().topicList(),
                request.runtime(), new LocalRun.Progress(progress, request.outputs().metrics(), "examples",
                        CtrRun::progress));
        long predictions = countCommitted(kafka, kafka.topics().predictions(), plan.predictionsBefore());
        CtrSummary files = CtrSummary.read(request.outputs(), wall);
        CtrSummary summary = withPredictions(files, predictions);
        summary.write(request.outputs().summary());
        return summary;
    }

    /**
     * Submits the job to the Flink cluster this runs in ({@code --cluster}), after the same checks as a local run:
     * no progress line and no summary; checkpoints, restarts and restores are the cluster's.
     */
    public static void submit(Request request, PrintWriter out) throws Exception {
        if (!request.runtime().cluster()) {
            throw new IllegalArgumentException("submit is for cluster runs (--cluster); use run");
        }
        Plan plan = check(request);
        describe(request, plan, out);
        StreamExecutionEnvironment env = build(request);
        out.println("Submitted job " + env.execute("riffle ctr kafka " + request.kafka().impressions().topicList())
                .getJobID());
    }

    private static StreamExecutionEnvironment build(Request request) {
        StreamExecutionEnvironment env = FlinkSetup.environment(request.runtime());
        env.setParallelism(request.config().parallelism());
        if (request.bufferTimeout() != null) {
            env.setBufferTimeout(request.bufferTimeout().toMillis());
        }
        CtrKafkaJob.build(env, request.config(), request.kafka(), request.outputs());
        return env;
    }

    /** The records of {@code topic} after {@code from} that a read_committed consumer sees. */
    public static long countCommitted(CtrKafkaSettings kafka, String topic, Map<TopicPartition, Long> from) {
        KafkaInput in = kafka.impressions();
        return TopicReader.readCommitted(in.bootstrapServers(), in.clientProperties(), topic, from,
                Duration.ofMinutes(10), r -> { });
    }

    /** The summary of the local files with the predictions counted in the topic. */
    static CtrSummary withPredictions(CtrSummary s, long predictions) {
        long events = s.events() - s.predictions() + predictions;
        return new CtrSummary(events, s.labels(), predictions, s.deadLetters(), s.deadLettersByKind(),
                s.examples(), s.positives(), s.progressiveLogLoss(), s.progressiveAuc(), s.windowLogLoss(),
                s.windowAuc(), s.baselineLogLoss(), s.entropyLogLoss(), s.modelVersion(), s.wallSeconds(),
                s.wallSeconds() > 0 ? events / s.wallSeconds() : 0);
    }

    private static void describe(Request request, Plan plan, PrintWriter out) {
        CtrKafkaSettings kafka = request.kafka();
        KafkaInput in = kafka.impressions();
        out.printf("Kafka %s: impressions from %s%s, from %s until %s, event time from %s%n", in.bootstrapServers(),
                describeTopics(in, plan), kafka.labels() == null ? "" : ", labels from "
                        + describeTopics(kafka.labels(), plan), in.start(), in.stop(),
                in.eventTime() == io.riffle.connectors.kafka.EventTimeSource.KAFKA ? "the record timestamps"
                        : "field \"" + (in.timeField() == null ? "time" : in.timeField()) + "\"");
        CtrTopics t = kafka.topics();
        out.printf("Outputs exactly once (transactions %s-*, timeout %s, commit on each checkpoint every %s):"
                        + " predictions -> %s, metrics -> %s, dead letters -> %s, model versions -> %s%s%n",
                kafka.output().transactionalIdPrefix(), KafkaCluster.describe(kafka.output().transactionTimeout()),
                KafkaCluster.describe(request.runtime().checkpointInterval()), t.predictions(), t.metrics(),
                t.deadLetters(), t.modelVersions(), plan.createdTopics().isEmpty() ? ""
                        : " (created " + String.join(", ", plan.createdTopics()) + ")");
        out.flush();
    }

    private static String describeTopics(KafkaInput in, Plan plan) {
        StringBuilder s = new StringBuilder();
        for (String topic : in.topics()) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(topic).append(" (").append(plan.inputPartitions().get(topic)).append(" partitions)");
        }
        return s.toString();
    }
}
