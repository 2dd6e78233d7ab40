package io.riffle.operators.graph;

import io.riffle.models.graph.event.EdgeEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Holds interactions until event time has passed them and hands them out in temporal batches, in (time, input
 * position) order whatever order they arrived in.
 *
 * <p>A batch is up to {@code batchSize} consecutive interactions; it ends early before an interaction that falls in
 * the next metrics period (so metrics "as of" a time hold exactly the interactions up to it) or more than the batch
 * window after the batch's first. Which interactions form a batch is therefore a function of the input alone — never
 * of how watermarks happened to be spaced, which differs after a restore — so a recovered run learns the same
 * batches as an uninterrupted one. A batch is handed out once it is complete: full, ended by a later interaction that
 * the watermark has passed, or the watermark has passed its period's end or its window. Plain Java: the operator
 * snapshots {@link #pending()}.
 */
final class TemporalBatcher {
    static final Comparator<EdgeEvent> ORDER =
            Comparator.comparingLong(EdgeEvent::time).thenComparingLong(EdgeEvent::seq);

    private final int batchSize;
    private final long windowMillis;
    private final long periodMillis;
    private final PriorityQueue<EdgeEvent> waiting = new PriorityQueue<>(ORDER);

    TemporalBatcher(int batchSize, long windowMillis, long periodMillis) {
        this.batchSize = batchSize;
        this.windowMillis = windowMillis;
        this.periodMillis = periodMillis;
    }

    void add(EdgeEvent e) {
        waiting.add(e);
    }

    /** The earliest interaction held, or null. */
    EdgeEvent peek() {
        return waiting.peek();
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /**
     * Moves the next complete batch into {@code out} and returns its size, or returns 0 (and holds everything) when
     * the batch at the head is not complete at watermark {@code watermark} or nothing is due.
     */
    int poll(long watermark, EdgeEvent[] out) {
        EdgeEvent first = waiting.peek();
        if (first == null || first.time() > watermark) {
            return 0;
        }
        waiting.poll();
        out[0] = first;
        int n = 1;
        long periodEnd = periodEnd(first.time());
        long windowEnd = windowMillis == 0 ? Long.MAX_VALUE : saturatedAdd(first.time(), windowMillis);
        boolean endedByNext = false;
        while (n < batchSize) {
            EdgeEvent next = waiting.peek();
            if (next == null || next.time() > watermark) {
                break;
            }
            if (next.time() > periodEnd || next.time() >= windowEnd) {
                endedByNext = true;
                break;
            }
            out[n++] = waiting.poll();
        }
        boolean complete = n == batchSize || endedByNext || watermark >= periodEnd
                || (windowEnd != Long.MAX_VALUE && watermark >= windowEnd - 1) || watermark == Long.MAX_VALUE;
        if (!complete) {
            for (int i = 0; i < n; i++) {
                waiting.add(out[i]);
                out[i] = null;
            }
            return 0;
        }
        return n;
    }

    /** The end of the metrics period {@code time} falls in: the first multiple of the period at or after it. */
    long periodEnd(long time) {
        long floor = Math.floorDiv(time, periodMillis) * periodMillis;
        return floor == time ? time : saturatedAdd(floor, periodMillis);
    }

    /** Everything held, for a snapshot. */
    List<EdgeEvent> pending() {
        return new ArrayList<>(waiting);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
