package io.riffle.models.reservoir.event;

import io.riffle.models.event.DeadLetter;

/**
 * One point u(t) of one series, the unit the forecasting operator learns from; or, when {@code deadLetter} is set, an
 * unusable record travelling in band (see {@link SeriesRow}). Immutable: nobody writes into {@code values}.
 *
 * @param key        the series id
 * @param time       event time, epoch milliseconds
 * @param seq        input position ({@link io.riffle.models.event.SourcePosition#pack}); ties in time are broken by it
 * @param values     u(t), d ≥ 1 components, all finite (codecs dead-letter the rest)
 * @param deadLetter an unusable record, or null for a point
 */
public record SeriesPoint(String key, long time, long seq, double[] values, DeadLetter deadLetter) {
    /** The key in-band dead letters are routed by. */
    public static final String DEAD_LETTER_KEY = "";

    public static SeriesPoint of(String key, long time, long seq, double[] values) {
        return new SeriesPoint(key, time, seq, values, null);
    }

    public static SeriesPoint deadLetter(DeadLetter deadLetter) {
        return new SeriesPoint(DEAD_LETTER_KEY, Long.MIN_VALUE, -1, new double[0], deadLetter);
    }

    public int dims() {
        return values.length;
    }

    public boolean isDeadLetter() {
        return deadLetter != null;
    }
}
