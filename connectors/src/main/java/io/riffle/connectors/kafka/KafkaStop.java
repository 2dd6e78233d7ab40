package io.riffle.connectors.kafka;

import io.riffle.connectors.codec.EventTimes;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a Kafka input stops ({@code --until}): never (a live job), at the end offsets when the job starts (a replay
 * that finishes, like a file), before the first record at or after a point in time, per partition, or at given
 * offsets (for tools and tests that know them).
 *
 * @param kind            which of the four
 * @param timestampMillis for {@link Kind#TIMESTAMP}: epoch milliseconds
 * @param offsets         for {@link Kind#OFFSETS}: the first offset not read, per partition
 */
public record KafkaStop(Kind kind, long timestampMillis, Map<TopicPartition, Long> offsets) implements Serializable {
    public enum Kind { NEVER, END, TIMESTAMP, OFFSETS }

    public static final KafkaStop NEVER = new KafkaStop(Kind.NEVER, 0, null);
    public static final KafkaStop END = new KafkaStop(Kind.END, 0, null);

    public KafkaStop {
        offsets = offsets == null ? null : Map.copyOf(offsets);
    }

    public static KafkaStop at(long timestampMillis) {
        return new KafkaStop(Kind.TIMESTAMP, timestampMillis, null);
    }

    public static KafkaStop atOffsets(Map<TopicPartition, Long> offsets) {
        return new KafkaStop(Kind.OFFSETS, 0, new HashMap<>(offsets));
    }

    /** Parses {@code never}, {@code end}, an ISO-8601 instant or epoch milliseconds. */
    public static KafkaStop parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "never" -> NEVER;
            case "end", "latest" -> END;
            default -> {
                try {
                    yield at(EventTimes.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--until '" + text + "' is not never, end, an ISO-8601"
                            + " instant (2026-11-02T00:00:00Z) or epoch milliseconds");
                }
            }
        };
    }

    public boolean bounded() {
        return kind != Kind.NEVER;
    }

    /** The stopping offsets of a bounded input. */
    public OffsetsInitializer initializer() {
        return switch (kind) {
            case NEVER -> throw new IllegalStateException("an unbounded input has no stopping offsets");
            case END -> OffsetsInitializer.latest();
            case TIMESTAMP -> OffsetsInitializer.timestamp(timestampMillis);
            case OFFSETS -> OffsetsInitializer.offsets(new HashMap<>(offsets));
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TIMESTAMP -> Instant.ofEpochMilli(timestampMillis).toString();
            case OFFSETS -> "offsets " + offsets;
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }
}
