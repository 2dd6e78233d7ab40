package io.riffle.connectors.reservoir;

import io.riffle.connectors.codec.EventTimes;
import io.riffle.connectors.codec.TimeParser;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Event times of series points: epoch milliseconds or an ISO-8601 instant ({@link EventTimes#parse}), and, common in
 * published series, a date-time without zone ({@code 2026-11-01T06:30}), a date ({@code 2026-11-01}) or a month
 * ({@code 1749-01}), all read as UTC (a month as its first day).
 */
public final class SeriesTimes {
    /** {@link #parse}, for the Kafka source to read a series record's time as the codec does. */
    public static final TimeParser PARSER = SeriesTimes::parse;

    private SeriesTimes() {}

    public static long parse(String text) {
        try {
            return EventTimes.parse(text);
        } catch (IllegalArgumentException e) {
            String t = text.trim();
            try {
                if (t.length() == 7) {
                    return YearMonth.parse(t).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
                }
                if (t.length() == 10) {
                    return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
                }
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e2) {
                throw new IllegalArgumentException("time '" + (t.length() > 40 ? t.substring(0, 40) + "…" : t)
                        + "' is neither epoch milliseconds, an ISO-8601 instant (2026-11-01T00:00:00Z), a date-time"
                        + " (2026-11-01T00:00), a date (2026-11-01) nor a month (2026-11)");
            }
        }
    }
}
