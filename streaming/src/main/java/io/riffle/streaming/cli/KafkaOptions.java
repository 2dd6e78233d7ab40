package io.riffle.streaming.cli;

import io.riffle.connectors.codec.CtrFormat;
import io.riffle.connectors.kafka.EventTimeSource;
import io.riffle.connectors.kafka.KafkaInput;
import io.riffle.connectors.kafka.KafkaOutput;
import io.riffle.connectors.kafka.KafkaStart;
import io.riffle.connectors.kafka.KafkaStop;
import io.riffle.streaming.ctr.CtrJobConfig;
import io.riffle.streaming.ctr.CtrKafkaSettings;
import io.riffle.streaming.ctr.CtrTopics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where a job reads and writes Kafka, and its exactly-once settings ({@code run ctr --source kafka}). */
public final class KafkaOptions {
    @Option(names = "--source", defaultValue = "file", paramLabel = "SOURCE",
            description = "file: replay --input; kafka: read --topic from --bootstrap-servers and write the outputs"
                    + " to topics, exactly once (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka cluster to read from and write to (with --source kafka; default: none).")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = CtrTopics.IMPRESSIONS, paramLabel = "TOPIC",
            description = "Topic of impressions (and, in JSON lines, label events) (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--labels-topic", paramLabel = "TOPIC",
            description = "A second input: topic of label events (JSON lines {\"id\":…,\"time\":…,\"label\":0|1})"
                    + " (default: none; labels come with the impressions).")
    String labelsTopic;

    @Option(names = "--from", defaultValue = "committed", paramLabel = "WHERE",
            description = "Where to start reading: earliest, latest, committed (the consumer group's offsets;"
                    + " earliest where it has none), or a point in time (2026-11-01T00:00:00Z or epoch ms): the first"
                    + " record at or after it in each partition. A run resumed from a checkpoint continues from the"
                    + " checkpoint instead (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--until", defaultValue = "never", paramLabel = "WHERE",
            description = "Where to stop: never (a live job), end (the end offsets when the job starts: a replay"
                    + " that finishes), or a point in time (default: ${DEFAULT-VALUE}).")
    String until;

    @Option(names = "--group-id", paramLabel = "GROUP",
            description = "Consumer group; offsets are committed to it on every completed checkpoint"
                    + " (default: riffle-MODEL-NAME).")
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

    @Option(names = "--predictions-topic", defaultValue = CtrTopics.PREDICTIONS, paramLabel = "TOPIC",
            description = "Predictions, keyed by event id (default: ${DEFAULT-VALUE}).")
    String predictionsTopic;

    @Option(names = "--metrics-topic", defaultValue = CtrTopics.METRICS, paramLabel = "TOPIC",
            description = "Metrics per model version, keyed by model name (default: ${DEFAULT-VALUE}).")
    String metricsTopic;

    @Option(names = "--dead-letters-topic", defaultValue = CtrTopics.DEAD_LETTERS, paramLabel = "TOPIC",
            description = "Unusable input records with reason, topic, partition and offset"
                    + " (default: ${DEFAULT-VALUE}).")
    String deadLettersTopic;

    @Option(names = "--model-versions-topic", defaultValue = CtrTopics.MODEL_VERSIONS, paramLabel = "TOPIC",
            description = "Published model versions, keyed by model name (default: ${DEFAULT-VALUE}).")
    String modelVersionsTopic;

    @Option(names = "--transactional-id-prefix", paramLabel = "PREFIX",
            description = "Prefix of the outputs' Kafka transactional ids: keep it stable across restarts of a job"
                    + " and unique among jobs (default: riffle-MODEL-NAME).")
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

    /** The Kafka settings of a job with {@code config}. */
    public CtrKafkaSettings settings(CtrJobConfig config, int maxRecordBytes) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--source kafka needs --bootstrap-servers HOST:PORT (riffle kafka"
                    + " serve starts a broker on this machine)");
        }
        String group = groupId != null ? groupId : "riffle-" + config.model();
        KafkaStart start = KafkaStart.parse(from);
        KafkaStop stop = KafkaStop.parse(until);
        EventTimeSource time = EventTimeSource.parse(eventTime);
        String timeField = config.codec().format() == CtrFormat.JSONL ? config.codec().timeField() : null;
        KafkaInput impressions = new KafkaInput(bootstrapServers, topics(topic), 0, group, start, stop, time,
                timeField, maxRecordBytes, clientProperties);
        KafkaInput labels = labelsTopic == null ? null : new KafkaInput(bootstrapServers, topics(labelsTopic), 1,
                group, start, stop, time, config.codec().timeField(), maxRecordBytes, clientProperties);
        KafkaOutput output = new KafkaOutput(bootstrapServers, transactionalIdPrefix != null ? transactionalIdPrefix
                : "riffle-" + config.model(), transactionTimeout, clientProperties);
        return new CtrKafkaSettings(impressions, labels, new CtrTopics(predictionsTopic, metricsTopic,
                deadLettersTopic, modelVersionsTopic), output, partitionIdleTimeout, kafkaTimeout);
    }

    private static List<String> topics(String topic) {
        return List.of(topic.trim());
    }
}
