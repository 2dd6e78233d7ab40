package io.riffle.models.reservoir.event;

import io.riffle.models.event.DeadLetter;

/**
 * One decoded input record of series data: all the points it holds share one event time and one input position.
 * A JSON line or a long-format CSV row holds one point; a wide CSV row holds one point per series column. Records
 * between operators are immutable: nobody writes into the arrays.
 *
 * <p>A row may also carry a dead letter: the whole record was unusable (then it holds no points), or some cells of a
 * wide row were (then the good cells are its points). Dead letters travel in band, with the points, so that every
 * output of the forecasting operator, dead letters included, comes out in one deterministic order.
 *
 * @param time       event time, epoch milliseconds ({@link Long#MIN_VALUE} for a dead letter alone)
 * @param seq        input position ({@link io.riffle.models.event.SourcePosition#pack}); -1 for a dead letter alone
 * @param keys       the series key of each point
 * @param values     the points' values, {@code keys.length × dims}, point-major
 * @param dims       components per point (d ≥ 1; 0 when there are no points)
 * @param deadLetter what could not be used, or null
 */
public record SeriesRow(long time, long seq, String[] keys, double[] values, int dims, DeadLetter deadLetter) {
    private static final String[] NO_KEYS = new String[0];
    private static final double[] NO_VALUES = new double[0];

    public SeriesRow {
        if (keys.length * dims != values.length) {
            throw new IllegalArgumentException("series row of " + keys.length + " points of " + dims
                    + " dims needs " + keys.length * dims + " values, got " + values.length);
        }
    }

    /** One point. */
    public static SeriesRow of(String key, long time, long seq, double[] values) {
        return new SeriesRow(time, seq, new String[] {key}, values, values.length, null);
    }

    /** A record that could not be used at all. */
    public static SeriesRow deadLetter(DeadLetter deadLetter) {
        return new SeriesRow(Long.MIN_VALUE, -1, NO_KEYS, NO_VALUES, 0, deadLetter);
    }

    /** This row at event time {@code time} (a source that stamps records with their time, such as Kafka's). */
    public SeriesRow withTime(long time) {
        return time == this.time ? this : new SeriesRow(time, seq, keys, values, dims, deadLetter);
    }

    /** Number of points. */
    public int points() {
        return keys.length;
    }

    /** The values of point {@code i} (a copy). */
    public double[] valuesOf(int i) {
        double[] v = new double[dims];
        System.arraycopy(values, i * dims, v, 0, dims);
        return v;
    }
}
