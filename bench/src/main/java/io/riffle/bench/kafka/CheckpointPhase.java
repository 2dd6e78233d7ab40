package io.riffle.bench.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether a latency tail follows the checkpoint cycle: the events slower than a threshold, folded by their send time
 * modulo the checkpoint interval into 100 ms bins, and the share of them sent in the busiest window of that cycle.
 * Spread evenly over the cycle, a 600 ms window of a 10 s one would hold 6% of them; most of them in one such window
 * says checkpoints make the tail, even where the trace does not say which part of a checkpoint does.
 *
 * @param slowEvents        events slower than the threshold
 * @param windowMillis      the window's length
 * @param windowStartMillis where in the cycle (from the first measured send, modulo the interval) the busiest window
 *                          starts
 * @param shareInWindow     the share of the slow events sent in it (0 when there are none)
 * @param windowShareOfTime the window's share of the cycle: the share an even spread would give
 */
record CheckpointPhase(long slowEvents, long windowMillis, long windowStartMillis, double shareInWindow,
                       double windowShareOfTime) {
    private static final long BIN_MILLIS = 100;

    /**
     * Folds events {@code [from, to)}: their send times ({@code sentNanos}, one clock) and latencies
     * ({@code latencyNanos}, negative for an event not received, which is not counted).
     */
    static CheckpointPhase of(long[] sentNanos, long[] latencyNanos, int from, int to, long slowMillis,
                              long intervalMillis, long windowMillis) {
        if (intervalMillis < BIN_MILLIS || windowMillis < BIN_MILLIS || windowMillis > intervalMillis) {
            throw new IllegalArgumentException("need 100 ms <= window (" + windowMillis + " ms) <= interval ("
                    + intervalMillis + " ms)");
        }
        int bins = (int) (intervalMillis / BIN_MILLIS);
        int windowBins = (int) (windowMillis / BIN_MILLIS);
        long[] slowPerBin = new long[bins];
        long slow = 0;
        for (int i = from; i < to; i++) {
            if (latencyNanos[i] > slowMillis * 1_000_000L) {
                long sinceStartMillis = (sentNanos[i] - sentNanos[from]) / 1_000_000L;
                slowPerBin[(int) ((sinceStartMillis % (bins * BIN_MILLIS)) / BIN_MILLIS)]++;
                slow++;
            }
        }
        long best = -1;
        int bestStart = 0;
        for (int start = 0; start < bins; start++) {
            long inWindow = 0;
            for (int k = 0; k < windowBins; k++) {
                inWindow += slowPerBin[(start + k) % bins];
            }
            if (inWindow > best) {
                best = inWindow;
                bestStart = start;
            }
        }
        return new CheckpointPhase(slow, windowBins * BIN_MILLIS, bestStart * BIN_MILLIS,
                slow == 0 ? 0 : (double) best / slow, (double) windowBins / bins);
    }

    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("slowEvents", slowEvents);
        out.put("windowMs", windowMillis);
        out.put("windowStartMs", windowStartMillis);
        out.put("shareInWindow", Math.round(shareInWindow * 1000) / 1000.0);
        out.put("windowShareOfTime", Math.round(windowShareOfTime * 1000) / 1000.0);
        return out;
    }
}
