package io.riffle.streaming.cli;

import io.riffle.connectors.codec.CtrFormat;
import io.riffle.connectors.codec.TimeParser;
import io.riffle.connectors.kafka.EventTimeSource;
import io.riffle.connectors.kafka.KafkaInput;
import io.riffle.connectors.kafka.KafkaOutput;
import io.riffle.connectors.kafka.KafkaStart;
import io.riffle.connectors.kafka.KafkaStop;
import io.riffle.streaming.ctr.CtrJobConfig;
import io.riffle.streaming.ctr.CtrKafkaSettings;
import io.riffle.streaming.ctr.CtrTopics;
import io.riffle.streaming.kafka.KafkaJobSettings;
import io.riffle.streaming.kafka.OutputTopics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where a job reads and writes Kafka, and its exactly-once settings: one mixin for {@code run ctr}, {@code run
 * reservoir} and {@code run graph --source kafka}, so the three share option names and defaults. Topic defaults
 * depend on the family: input {@code riffle.ctr.impressions}, {@code riffle.reservoir.series},
 * {@code riffle.graph.interactions}; outputs {@code riffle.FAMILY.predictions}, {@code .metrics},
 * {@code .dead-letters}, {@code .model-versions} ({@link OutputTopics}).
 */
public final class KafkaOptions {
    @Option(names = "--source", defaultValue = "file", paramLabel = "SOURCE",
            description = "file: replay --input; kafka: read --topic from --bootstrap-servers and write the outputs"
                    + " to topics, exactly once (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka cluster to read from and write to (with --source kafka; default: none).")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Input topic: impressions (and, in JSON lines, label events) for ctr, series points for"
                    + " reservoir, interactions for graph (default: riffle.ctr.impressions, riffle.reservoir.series,"
                    + " riffle.graph.interactions).")
    String topic;

    @Option(names = "--labels-topic", paramLabel = "TOPIC",
            description = "ctr only: a second input, topic of label events (JSON lines {\"id\":…,\"time\":…,"
                    + "\"label\":0|1}) (default: none; labels come with the impressions).")
    String labelsTopic;

    @Option(names = "--from", defaultValue = "committed", paramLabel = "WHERE",
            description = "Where to start reading: earliest, latest, committed (the consumer group's offsets;"
                    + " earliest where it has none), or a point in time (2026-11-01T00:00:00Z or epoch ms): the first"
                    + " record at or after it in each partition. A run resumed from a checkpoint continues from the"
                    + " checkpoint instead (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--until", defaultValue = "never", paramLabel = "WHERE",
            description = "Where to stop: never (a live job), end (the end offsets when the job starts: a replay"
                    + " that finishes), or a point in time. A bounded run resumed from its checkpoint stops where it"
                    + " would have stopped: its stopping offsets are in the checkpoint (default: ${DEFAULT-VALUE}).")
    String until;

    @Option(names = "--group-id", paramLabel = "GROUP",
            description = "Consumer group; offsets are committed to it on every completed checkpoint"
                    + " (default: riffle-MODEL-NAME for ctr, riffle-reservoir, riffle-graph).")
    String groupId;

    @Option(names = "--event-time", defaultValue = "field", paramLabel = "FROM",
            description = "field: the record's time field (--time-field; the Kafka timestamp when a record has"
                    + " none); kafka: the Kafka record timestamp (default: ${DEFAULT-VALUE}).")
    String eventTime;

    @Option(names = "--partition-idle-timeout", defaultValue = "10s", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "A partition with no records for this long stops holding back event time, so a quiet"
                    + " partition does not stall the job; 0 = never (default: ${DEFAULT-VALUE}).")
    Duration partitionIdleTimeout;

    @Option(names = "--predictions-topic", paramLabel = "TOPIC",
            description = "Predictions: one per impression (keyed by event id), point (by series key) or interaction"
                    + " (by source node) (default: riffle.FAMILY.predictions, e.g. riffle.ctr.predictions).")
    String predictionsTopic;

    @Option(names = "--metrics-topic", paramLabel = "TOPIC",
            description = "The job's progressive metrics (default: riffle.FAMILY.metrics).")
    String metricsTopic;

    @Option(names = "--dead-letters-topic", paramLabel = "TOPIC",
            description = "Unusable input records with reason, topic, partition and offset"
                    + " (default: riffle.FAMILY.dead-letters).")
    String deadLettersTopic;

    @Option(names = "--model-versions-topic", paramLabel = "TOPIC",
            description = "Published model versions (default: riffle.FAMILY.model-versions).")
    String modelVersionsTopic;

    @Option(names = "--transactional-id-prefix", paramLabel = "PREFIX",
            description = "Prefix of the outputs' Kafka transactional ids: keep it stable across restarts of a job"
                    + " and unique among jobs (default: riffle-MODEL-NAME for ctr, riffle-reservoir, riffle-graph).")
    String transactionalIdPrefix;

    @Option(names = "--transaction-timeout", defaultValue = "15m", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "Kafka transaction timeout of the outputs: at least twice --checkpoint-interval plus the"
                    + " longest outage to survive, at most the broker's transaction.max.timeout.ms"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration transactionTimeout;

    @Option(names = "--kafka-timeout", defaultValue = "30s", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "How long to wait for the cluster to answer at start (default: ${DEFAULT-VALUE}).")
    Duration kafkaTimeout;

    @Option(names = "--buffer-timeout", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long Flink holds records in a network buffer: lower it (e.g. 2ms) with --scoring-mode"
                    + " latest for low latency (default: Flink's, 100ms).")
    Duration bufferTimeout;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "A Kafka client property for every client (security.protocol, sasl.*, ...);"
                    + " repeatable (default: none).")
    Map<String, String> clientProperties = new LinkedHashMap<>();

    /** True with {@code --source kafka}. */
    public boolean enabled() {
        return switch (source.trim().toLowerCase(Locale.ROOT)) {
            case "kafka" -> true;
            case "file" -> false;
            default -> throw new IllegalArgumentException("unknown --source '" + source + "'; use file or kafka");
        };
    }

    /** A run's predictions counted back from their topic (a resumed run counts its own, not its predecessors'). */
    static void printCommitted(PrintWriter out, long predictions, String topic) {
        out.printf("predictions: %,d committed to topic %s by this run (counted as a read_committed consumer sees"
                + " them)%n", predictions, topic);
    }

    /** The Kafka settings of a CTR job with {@code config}. */
    public CtrKafkaSettings settings(CtrJobConfig config, int maxRecordBytes) {
        checkBootstrapServers();
        String family = "ctr";
        String group = groupId != null ? groupId : "riffle-" + config.model();
        KafkaStart start = KafkaStart.parse(from);
        KafkaStop stop = KafkaStop.parse(until);
        EventTimeSource time = EventTimeSource.parse(eventTime);
        String timeField = config.codec().format() == CtrFormat.JSONL ? config.codec().timeField() : null;
        KafkaInput impressions = new KafkaInput(bootstrapServers, topics(topic(family)), 0, group, start, stop, time,
                timeField, maxRecordBytes, clientProperties);
        KafkaInput labels = labelsTopic == null ? null : new KafkaInput(bootstrapServers, topics(labelsTopic), 1,
                group, start, stop, time, config.codec().timeField(), maxRecordBytes, clientProperties);
        KafkaOutput output = new KafkaOutput(bootstrapServers, transactionalIdPrefix != null ? transactionalIdPrefix
                : "riffle-" + config.model(), transactionTimeout, clientProperties);
        return new CtrKafkaSettings(impressions, labels, CtrTopics.of(outputTopics(family)), output,
                partitionIdleTimeout, kafkaTimeout);
    }

    /**
     * The Kafka settings of a job of one input (reservoir, graph).
     *
     * @param family     {@code reservoir} or {@code graph}: names the default topics, group and transactional ids
     * @param timeField  the JSON field of event time, or null when values are not JSON lines (the record timestamps
     *                   are then the event times)
     * @param timeParser how that field reads when it is a string, as the family's codec reads it
     */
    public KafkaJobSettings settings(String family, String timeField, TimeParser timeParser, int maxRecordBytes) {
        checkBootstrapServers();
        if (labelsTopic != null) {
            throw new IllegalArgumentException("--labels-topic is for run ctr only; a " + family + " job reads one"
                    + " topic (--topic)");
        }
        String name = "riffle-" + family;
        KafkaInput input = new KafkaInput(bootstrapServers, topics(topic(family)), 0,
                groupId != null ? groupId : name, KafkaStart.parse(from), KafkaStop.parse(until),
                EventTimeSource.parse(eventTime), timeField, maxRecordBytes, clientProperties, timeParser);
        KafkaOutput output = new KafkaOutput(bootstrapServers, transactionalIdPrefix != null ? transactionalIdPrefix
                : name, transactionTimeout, clientProperties);
        return new KafkaJobSettings(input, outputTopics(family), output, partitionIdleTimeout, kafkaTimeout);
    }

    /** The input topic: {@code --topic}, or the family's default. */
    String topic(String family) {
        return topic != null ? topic : OutputTopics.input(family);
    }

    /** The output topics: those given, the family's defaults for the others. */
    OutputTopics outputTopics(String family) {
        OutputTopics d = OutputTopics.of(family);
        return new OutputTopics(predictionsTopic != null ? predictionsTopic.trim() : d.predictions(),
                metricsTopic != null ? metricsTopic.trim() : d.metrics(),
                deadLettersTopic != null ? deadLettersTopic.trim() : d.deadLetters(),
                modelVersionsTopic != null ? modelVersionsTopic.trim() : d.modelVersions());
    }

    /** How long Flink holds records in a network buffer, or null for Flink's default. */
    Duration bufferTimeout() {
        return bufferTimeout;
    }

    private void checkBootstrapServers() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--source kafka needs --bootstrap-servers HOST:PORT (riffle kafka"
                    + " serve starts a broker on this machine)");
        }
    }

    private static List<String> topics(String topic) {
        return List.of(topic.trim());
    }
}
