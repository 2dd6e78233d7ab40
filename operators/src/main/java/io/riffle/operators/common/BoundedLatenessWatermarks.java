package io.riffle.operators.common;

import java.util.function.ToLongFunction;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks that trail the newest event time by the allowed lateness, emitted from the records themselves
 * (punctuated, never on a wall-clock timer) and only when they advance by at least {@code granularityMillis}: a
 * replay gets the same watermarks at the same records on every run, and a fast replay is not slowed by one
 * watermark per record.
 */
public final class BoundedLatenessWatermarks<T> implements WatermarkGenerator<T> {
    private final long allowedLatenessMillis;
    private final long granularityMillis;
    private final ToLongFunction<T> time;
    private long maxSeen = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    BoundedLatenessWatermarks(long allowedLatenessMillis, long granularityMillis, ToLongFunction<T> time) {
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.granularityMillis = Math.max(1, granularityMillis);
        this.time = time;
    }

    /** A strategy using this generator; timestamps come from {@code time}. */
    public static <T> WatermarkStrategy<T> strategy(long allowedLatenessMillis, long granularityMillis,
                                                    SerializableTime<T> time) {
        return WatermarkStrategy.<T>forGenerator(ctx -> new BoundedLatenessWatermarks<>(allowedLatenessMillis,
                        granularityMillis, time))
                .withTimestampAssigner((event, previous) -> time.applyAsLong(event));
    }

    /** A serializable event-time accessor. */
    public interface SerializableTime<T> extends ToLongFunction<T>, java.io.Serializable {}

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        maxSeen = Math.max(maxSeen, time.applyAsLong(event));
        long candidate = maxSeen - allowedLatenessMillis - 1;
        if (emitted == Long.MIN_VALUE || candidate >= emitted + granularityMillis) {
            emitted = candidate;
            output.emitWatermark(new Watermark(candidate));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // Nothing: a wall-clock watermark would make replays depend on timing.
    }
}
