package io.riffle.connectors.kafka;

import io.riffle.connectors.codec.EventTimes;
import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Where a Kafka input starts reading ({@code --from}): the earliest or latest offsets, the offsets the consumer group
 * committed (earliest where it has none), or the first record at or after a point in time, per partition. A job
 * resumed from a checkpoint ignores this and continues from the checkpointed offsets.
 *
 * @param kind            which of the four
 * @param timestampMillis for {@link Kind#TIMESTAMP}: epoch milliseconds
 */
public record KafkaStart(Kind kind, long timestampMillis) implements Serializable {
    public enum Kind { EARLIEST, LATEST, COMMITTED, TIMESTAMP }

    public static final KafkaStart EARLIEST = new KafkaStart(Kind.EARLIEST, 0);
    public static final KafkaStart LATEST = new KafkaStart(Kind.LATEST, 0);
    public static final KafkaStart COMMITTED = new KafkaStart(Kind.COMMITTED, 0);

    public static KafkaStart at(long timestampMillis) {
        return new KafkaStart(Kind.TIMESTAMP, timestampMillis);
    }

    /** Parses {@code earliest}, {@code latest}, {@code committed}, an ISO-8601 instant or epoch milliseconds. */
    public static KafkaStart parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "earliest" -> EARLIEST;
            case "latest" -> LATEST;
            case "committed" -> COMMITTED;
            default -> {
                try {
                    yield at(EventTimes.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--from '" + text + "' is not earliest, latest, committed, an"
                            + " ISO-8601 instant (2026-11-01T00:00:00Z) or epoch milliseconds");
                }
            }
        };
    }

    @SuppressWarnings("deprecation") // the connector's API still takes the enum Kafka 4 deprecated
    public OffsetsInitializer initializer() {
        return switch (kind) {
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case TIMESTAMP -> OffsetsInitializer.timestamp(timestampMillis);
        };
    }

    @Override
    public String toString() {
        return kind == Kind.TIMESTAMP ? Instant.ofEpochMilli(timestampMillis).toString()
                : kind.name().toLowerCase(Locale.ROOT);
    }
}
