package io.riffle.operators.reservoir;

import io.riffle.models.reservoir.event.SeriesPoint;
import io.riffle.operators.common.BoundedLatenessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * {@link BoundedLatenessWatermarks} over series points; dead letters travelling in band carry no event time and are
 * not seen by the generator.
 */
public final class SeriesWatermarks {
    private SeriesWatermarks() {}

    public static WatermarkStrategy<SeriesPoint> strategy(long allowedLatenessMillis, long granularityMillis) {
        WatermarkStrategy<SeriesPoint> points = BoundedLatenessWatermarks.strategy(allowedLatenessMillis,
                granularityMillis, SeriesPoint::time);
        return WatermarkStrategy.<SeriesPoint>forGenerator(ctx -> new PointsOnly(points.createWatermarkGenerator(ctx)))
                .withTimestampAssigner((p, previous) -> p.time());
    }

    private static final class PointsOnly implements WatermarkGenerator<SeriesPoint> {
        private final WatermarkGenerator<SeriesPoint> inner;

        PointsOnly(WatermarkGenerator<SeriesPoint> inner) {
            this.inner = inner;
        }

        @Override
        public void onEvent(SeriesPoint p, long timestamp, WatermarkOutput output) {
            if (!p.isDeadLetter()) {
                inner.onEvent(p, timestamp, output);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            inner.onPeriodicEmit(output);
        }
    }
}
