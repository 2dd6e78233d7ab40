package io.riffle.operators.reservoir;

import io.riffle.models.reservoir.event.SeriesPoint;
import java.util.Comparator;

/**
 * Work that falls due when event time reaches {@code time}: a waiting point, a key's report, a key's expiry. The
 * forecasting operator does due work in the total order (time, kind, key, input position), so that its outputs come
 * out in the same order on every run and after every restore, whatever order keys and timers were restored in.
 */
record Due(long time, int kind, String key, long seq, SeriesPoint point) {
    static final int POINT = 0;
    static final int REPORT = 1;
    static final int EXPIRE = 2;

    static final Comparator<Due> ORDER = Comparator.comparingLong(Due::time).thenComparingInt(Due::kind)
            .thenComparing(Due::key).thenComparingLong(Due::seq);

    static Due point(SeriesPoint p) {
        return new Due(p.time(), POINT, p.key(), p.seq(), p);
    }

    static Due report(long time, String key) {
        return new Due(time, REPORT, key, 0, null);
    }

    static Due expire(long time, String key) {
        return new Due(time, EXPIRE, key, 0, null);
    }
}
