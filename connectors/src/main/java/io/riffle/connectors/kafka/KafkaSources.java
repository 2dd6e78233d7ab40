package io.riffle.connectors.kafka;

import io.riffle.connectors.source.SourceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;

/** Builds the Flink Kafka sources of Riffle's inputs. */
public final class KafkaSources {
    private KafkaSources() {}

    /**
     * A source of {@link SourceRecord}s: read_committed (so an input written by another exactly-once job is seen
     * only once it is committed), offsets committed to the group on every completed checkpoint, bounded when the
     * input has a stop (a {@link BoundedKafkaSource}, which also finishes when restored from a checkpoint).
     * Watermarks are the caller's choice of strategy, applied per partition by Flink. Client properties of the input
     * override these.
     */
    public static Source<SourceRecord, KafkaPartitionSplit, KafkaSourceEnumState> of(KafkaInput input) {
        return build(input, input.topics(), new SourceRecordDeserializer(input));
    }

    /**
     * One source over the topics of several inputs that are read alike (same cluster, group, start, stop, event
     * time and client settings): each record keeps its own input's index. One source instead of one per input spares
     * the job a union, whose records would each cross a network hop.
     *
     * @throws IllegalArgumentException if the inputs are not read alike or share a topic
     */
    public static Source<SourceRecord, KafkaPartitionSplit, KafkaSourceEnumState> of(List<KafkaInput> inputs) {
        KafkaInput first = inputs.get(0);
        Map<String, Integer> indexByTopic = new HashMap<>();
        List<String> topics = new ArrayList<>();
        for (KafkaInput in : inputs) {
            if (!combinable(first, in)) {
                throw new IllegalArgumentException("inputs " + first.topics() + " and " + in.topics()
                        + " are not read alike; give each its own source");
            }
            for (String topic : in.topics()) {
                if (indexByTopic.put(topic, in.inputIndex()) != null) {
                    throw new IllegalArgumentException("topic " + topic + " is given twice as an input");
                }
                topics.add(topic);
            }
        }
        return build(first, topics, new SourceRecordDeserializer(first.inputIndex(), indexByTopic,
                first.maxRecordBytes(), first.eventTime(), first.timeField(), first.timeParser()));
    }

    /** True when {@code a} and {@code b} differ at most in their topics and input index. */
    public static boolean combinable(KafkaInput a, KafkaInput b) {
        return a.bootstrapServers().equals(b.bootstrapServers()) && a.groupId().equals(b.groupId())
                && a.start().equals(b.start()) && a.stop().equals(b.stop()) && a.eventTime() == b.eventTime()
                && java.util.Objects.equals(a.timeField(), b.timeField()) && a.maxRecordBytes() == b.maxRecordBytes()
                && a.clientProperties().equals(b.clientProperties()) && a.timeParser().equals(b.timeParser());
    }

    private static Source<SourceRecord, KafkaPartitionSplit, KafkaSourceEnumState> build(
            KafkaInput input, List<String> topics, SourceRecordDeserializer deserializer) {
        KafkaSourceBuilder<SourceRecord> builder = KafkaSource.<SourceRecord>builder()
                .setBootstrapServers(input.bootstrapServers())
                .setTopics(topics)
                .setGroupId(input.groupId())
                .setClientIdPrefix(input.groupId() + "-input-" + input.inputIndex())
                .setStartingOffsets(input.start().initializer())
                .setDeserializer(deserializer)
                .setProperty("isolation.level", "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true")
                // Smaller chunks per partition and fetch (the client's default is 1 MiB) make one reader take turns
                // between its partitions while it catches up on a backlog, rather than read one partition far ahead
                // of the others: event time (the least of the partitions') advances, and less is held back for it.
                .setProperty("max.partition.fetch.bytes", String.valueOf(256 * 1024));
        if (input.stop().bounded()) {
            builder.setBounded(input.stop().initializer());
        }
        input.clientProperties().forEach(builder::setProperty);
        KafkaSource<SourceRecord> source = builder.build();
        return input.stop().bounded() ? new BoundedKafkaSource<>(source) : source;
    }
}
