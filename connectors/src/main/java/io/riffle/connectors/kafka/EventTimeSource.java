package io.riffle.connectors.kafka;

import java.util.Locale;

/** Where a Kafka record's event time comes from ({@code --event-time}). */
public enum EventTimeSource {
    /**
     * The record's own time field (JSON lines: {@code time}, or the field {@code --time-field} names); a record
     * without one takes its Kafka timestamp.
     */
    FIELD,
    /** The Kafka record timestamp (CreateTime as the producer set it, or LogAppendTime if the topic says so). */
    KAFKA;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventTimeSource parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "field" -> FIELD;
            case "kafka", "timestamp", "record" -> KAFKA;
            default -> throw new IllegalArgumentException("unknown --event-time '" + name + "'; use field (the"
                    + " record's time field) or kafka (the Kafka record timestamp)");
        };
    }
}
