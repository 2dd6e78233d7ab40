package io.riffle.connectors.codec;

import io.riffle.connectors.source.SourceRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Event-time helpers shared by the codecs. */
public final class EventTimes {
    /** Epoch milliseconds or an ISO-8601 instant ({@link #parse}): the event times of CTR records. */
    public static final TimeParser INSTANTS = EventTimes::parse;

    private EventTimes() {}

    /**
     * Time for a record whose data has no timestamp: the source's own timestamp (Kafka) if it has one, otherwise
     * {@code (line - 1) * stepMillis} — event time from row order.
     */
    public static long rowTime(SourceRecord record, long stepMillis) {
        if (record.timestamp() != SourceRecord.NO_TIMESTAMP) {
            return record.timestamp();
        }
        return (record.position() - 1) * stepMillis;
    }

    /** Parses an ISO-8601 instant ({@code 2026-11-01T00:00:00Z}, or with an offset) to epoch milliseconds. */
    public static long parseIso(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("time '" + text + "' is neither epoch milliseconds nor an"
                        + " ISO-8601 instant such as 2026-11-01T00:00:00Z");
            }
        }
    }

    /** Parses epoch milliseconds or an ISO-8601 instant. */
    public static long parse(String text) {
        String t = text.trim();
        if (!t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '-') && t.chars().skip(1)
                .allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("time '" + text + "' is out of range");
            }
        }
        return parseIso(t);
    }
}
