package io.riffle.connectors.kafka;

import io.riffle.connectors.source.SourceRecord;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;

/** Builds the Flink Kafka sources of Riffle's inputs. */
public final class KafkaSources {
    private KafkaSources() {}

    /**
     * A source of {@link SourceRecord}s: read_committed (so an input written by another exactly-once job is seen
     * only once it is committed), offsets committed to the group on every completed checkpoint, bounded when the
     * input has a stop. Watermarks are the caller's choice of strategy, applied per partition by Flink. Client
     * properties of the input override these.
     */
    public static KafkaSource<SourceRecord> of(KafkaInput input) {
        KafkaSourceBuilder<SourceRecord> builder = KafkaSource.<SourceRecord>builder()
                .setBootstrapServers(input.bootstrapServers())
                .setTopics(input.topics())
                .setGroupId(input.groupId())
                .setClientIdPrefix(input.groupId() + "-input-" + input.inputIndex())
                .setStartingOffsets(input.start().initializer())
                .setDeserializer(new SourceRecordDeserializer(input.inputIndex(), input.maxRecordBytes(),
                        input.eventTime(), input.timeField()))
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
        return builder.build();
    }
}
