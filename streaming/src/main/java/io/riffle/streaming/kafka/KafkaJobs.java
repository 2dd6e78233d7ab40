package io.riffle.streaming.kafka;

import io.riffle.connectors.kafka.EventTimeSource;
import io.riffle.connectors.kafka.KafkaCluster;
import io.riffle.connectors.kafka.KafkaInput;
import io.riffle.connectors.kafka.KafkaOutput;
import io.riffle.connectors.kafka.KafkaSources;
import io.riffle.connectors.kafka.SourceRecordDeserializer;
import io.riffle.connectors.kafka.TopicReader;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.operators.common.BoundedLatenessWatermarks;
import io.riffle.operators.common.SourceNames;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.TopicPartition;

/**
 * What every family's Kafka job shares: reading an input with event times and per-partition watermarks, naming
 * records' origins for dead letters, checking the cluster before a run, and counting what a {@code read_committed}
 * consumer sees afterwards.
 *
 * <p><b>Event time.</b> Each input gets its event times and watermarks in the Kafka source, per partition: a
 * partition's watermark trails the newest event time it has read by the allowed lateness, the input's watermark is
 * the least of its partitions', and in a live (unbounded) input a partition that has had no record for the idle
 * timeout stops holding it back. A bounded replay has no idleness: all its data are there, an empty partition ends at
 * once, and a partition that merely waits its turn while the reader catches up on another must not be passed over
 * (its records would all be late). Records that will be dead-lettered carry no event time and move no watermark.
 */
public final class KafkaJobs {
    private KafkaJobs() {}

    /** What the checks found: partitions of the input topics, and where the predictions topic ended before. */
    public record Plan(Map<String, Integer> inputPartitions, Map<TopicPartition, Long> predictionsBefore,
                       List<String> createdTopics, OptionalLong brokerMaxTransactionTimeoutMillis) {}

    /**
     * One Kafka input as raw records with event times and per-partition watermarks, read with {@code parallelism}
     * readers (each takes some of the partitions).
     *
     * @param idleTimeout a partition quiet this long stops holding back event time (ignored for a bounded input)
     */
    public static DataStream<SourceRecord> read(StreamExecutionEnvironment env, KafkaInput input,
                                                long allowedLatenessMillis, long watermarkStepMillis,
                                                Duration idleTimeout, String name, int parallelism) {
        return env.fromSource(KafkaSources.of(input), watermarks(allowedLatenessMillis, watermarkStepMillis,
                                idleTimeout(input, idleTimeout)), "kafka " + name)
                .uid("kafka-source-" + name).setParallelism(parallelism);
    }

    /** No idleness for a bounded input (see the class comment). */
    public static Duration idleTimeout(KafkaInput input, Duration idleTimeout) {
        return input.stop().bounded() ? Duration.ZERO : idleTimeout;
    }

    /**
     * Bounded-lateness watermarks on the record's event time (applied per partition by the source), ignoring records
     * without one, with idleness unless {@code idleTimeout} is zero.
     */
    public static WatermarkStrategy<SourceRecord> watermarks(long allowedLatenessMillis, long watermarkStepMillis,
                                                             Duration idleTimeout) {
        WatermarkStrategy<SourceRecord> bounded = BoundedLatenessWatermarks.strategy(allowedLatenessMillis,
                watermarkStepMillis, SourceRecord::timestamp);
        WatermarkStrategy<SourceRecord> strategy = WatermarkStrategy.<SourceRecord>forGenerator(
                        context -> new TimedRecordsOnly(bounded.createWatermarkGenerator(context)))
                .withTimestampAssigner((record, previous) -> record.timestamp());
        return idleTimeout.isZero() ? strategy : strategy.withIdleness(idleTimeout);
    }

    /** Passes only records with an event time to the watermark generator. */
    private static final class TimedRecordsOnly implements WatermarkGenerator<SourceRecord> {
        private final WatermarkGenerator<SourceRecord> inner;

        TimedRecordsOnly(WatermarkGenerator<SourceRecord> inner) {
            this.inner = inner;
        }

        @Override
        public void onEvent(SourceRecord record, long timestamp, WatermarkOutput output) {
            if (record.timestamp() != SourceRecord.NO_TIMESTAMP) {
                inner.onEvent(record, timestamp, output);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            inner.onPeriodicEmit(output);
        }
    }

    /**
     * Names records' origins for dead letters raised after decoding: the topics of each input (by input index) and
     * the partition ({@link SourceRecordDeserializer#sourceIndex}).
     */
    public static SourceNames sourceNames(List<KafkaInput> inputs) {
        List<String> names = new ArrayList<>();
        for (KafkaInput input : inputs) {
            if (input.inputIndex() != names.size()) {
                throw new IllegalArgumentException("inputs must come in the order of their index");
            }
            names.add(input.topicList());
        }
        return new SourceNames(names, SourceRecordDeserializer.PARTITIONS_PER_INPUT);
    }

    /**
     * Checks the cluster and prepares the output topics: the inputs exist, the transaction timeout suits the
     * checkpoint interval and the broker, and missing output topics are created (predictions with as many
     * partitions as the first input's largest topic, the others with one).
     *
     * @throws io.riffle.connectors.kafka.KafkaUnreachableException if no broker answers
     * @throws IllegalArgumentException naming what to fix
     */
    public static Plan check(List<KafkaInput> inputs, OutputTopics topics, KafkaOutput output,
                             Duration checkpointInterval, Duration kafkaTimeout) {
        checkTransactionTimeout(output.transactionTimeout(), checkpointInterval, OptionalLong.empty());
        KafkaInput first = inputs.get(0);
        try (KafkaCluster cluster = KafkaCluster.connect(first.bootstrapServers(), first.clientProperties(),
                kafkaTimeout)) {
            List<String> all = new ArrayList<>();
            inputs.forEach(in -> all.addAll(in.topics()));
            Map<String, Integer> partitions = cluster.partitions(all);
            List<String> missing = new ArrayList<>(all);
            missing.removeAll(partitions.keySet());
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("input topic" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing) + " not found on " + cluster.bootstrapServers()
                        + " (--topic" + (inputs.size() > 1 ? ", --labels-topic" : "") + "; riffle kafka load writes"
                        + " a recorded history into a topic)");
            }
            OptionalLong brokerMax = cluster.maxTransactionTimeoutMillis();
            checkTransactionTimeout(output.transactionTimeout(), checkpointInterval, brokerMax);
            Map<String, Integer> outputs = new LinkedHashMap<>();
            outputs.put(topics.predictions(), first.topics().stream().mapToInt(partitions::get).max().orElse(1));
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

    /** The records of {@code topic} after {@code from} that a read_committed consumer sees. */
    public static long countCommitted(KafkaInput cluster, String topic, Map<TopicPartition, Long> from) {
        return TopicReader.readCommitted(cluster.bootstrapServers(), cluster.clientProperties(), topic, from,
                Duration.ofMinutes(10), r -> { });
    }

    /**
     * Two lines for the console: what is read from where, and where the outputs go.
     *
     * @param inputs what is read from which topics ({@code points from T (3 partitions)})
     */
    public static void describe(String inputs, KafkaInput in, OutputTopics t, KafkaOutput output,
                                Duration checkpointInterval, Plan plan, PrintWriter out) {
        out.printf("Kafka %s: %s, from %s until %s, event time from %s%n", in.bootstrapServers(), inputs,
                in.start(), in.stop(), in.eventTime() == EventTimeSource.KAFKA ? "the record timestamps"
                        : in.timeField() == null ? "the record timestamps (values are not JSON lines)"
                        : "field \"" + in.timeField() + "\"");
        out.printf("Outputs exactly once (transactions %s-*, timeout %s, commit on each checkpoint every %s):"
                        + " predictions -> %s, metrics -> %s, dead letters -> %s, model versions -> %s%s%n",
                output.transactionalIdPrefix(), KafkaCluster.describe(output.transactionTimeout()),
                KafkaCluster.describe(checkpointInterval), t.predictions(), t.metrics(), t.deadLetters(),
                t.modelVersions(), plan.createdTopics().isEmpty() ? ""
                        : " (created " + String.join(", ", plan.createdTopics()) + ")");
        out.flush();
    }

    /** {@code topic (N partitions), …} */
    public static String describeTopics(KafkaInput in, Plan plan) {
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
