package io.riffle.connectors.kafka;

import io.riffle.connectors.sink.LineEncoder;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes each record as one Kafka record whose value is the record's JSON line (the same encoding as the
 * {@code --out} files, without the newline) and whose key is chosen per output (the event id for predictions).
 * The record timestamp is left to the producer (the time it was written), so a topic's timestamps say when Riffle
 * produced each output; event times are in the values.
 */
public final class LineRecordSerializer<T> implements KafkaRecordSerializationSchema<T>,
        KafkaDatasetFacetProvider {
    /** The key of a record, or null for none. */
    @FunctionalInterface
    public interface KeyOf<T> extends Serializable {
        String key(T value);
    }

    private final String topic;
    private final LineEncoder<T> encoder;
    private final KeyOf<T> key;
    private transient StringBuilder line;

    public LineRecordSerializer(String topic, LineEncoder<T> encoder, KeyOf<T> key) {
        this.topic = topic;
        this.encoder = encoder;
        this.key = key;
    }

    /** The topic written, for Flink's lineage and for the sink's pooled transactional ids. */
    @Override
    public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
        return Optional.of(new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic))));
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        if (line == null) {
            line = new StringBuilder(256);
        }
        line.setLength(0);
        encoder.encode(element, line);
        String k = key == null ? null : key.key(element);
        return new ProducerRecord<>(topic, null, null, k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                line.toString().getBytes(StandardCharsets.UTF_8));
    }
}
