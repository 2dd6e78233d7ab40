package io.riffle.operators.reservoir;

/**
 * The small per-key state read at every arrival (the model itself is read only when points are released): the
 * series' dimension, how far the key has learned, and when its next report and its expiry are due.
 *
 * @param dims      d, fixed by the key's first point
 * @param points    points learned from
 * @param lastTime  event time of the last point learned from ({@link Long#MIN_VALUE} before the first)
 * @param lastSeq   its input position
 * @param reportDue the boundary of the next report, or {@link Long#MIN_VALUE} when none is due
 * @param expireAt  when the key's state is dropped without further points, or {@link Long#MIN_VALUE}
 * @param reported  whether the key has reported since its state was created
 */
public record KeyMeta(int dims, long points, long lastTime, long lastSeq, long reportDue, long expireAt,
        boolean reported) {
    static final long NONE = Long.MIN_VALUE;

    static KeyMeta fresh(int dims) {
        return new KeyMeta(dims, 0, NONE, -1, NONE, NONE, false);
    }

    KeyMeta learned(long time, long seq, long due, long expire) {
        return new KeyMeta(dims, points + 1, time, seq, due, expire, reported);
    }

    KeyMeta touched(long expire) {
        return new KeyMeta(dims, points, lastTime, lastSeq, reportDue, expire, reported);
    }

    KeyMeta afterReport() {
        return new KeyMeta(dims, points, lastTime, lastSeq, NONE, expireAt, true);
    }
}
