package io.riffle.operators.reservoir;

import io.riffle.models.reservoir.event.ScoreSums;
import io.riffle.models.reservoir.event.SeriesMetrics;
import io.riffle.models.reservoir.event.SeriesReport;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Adds the keys' reports up into the job's metrics: one {@link SeriesMetrics} per boundary at which some key
 * reported, emitted when the watermark passes it, cumulative over every key and point up to it. Runs as one
 * instance (keyed by a constant), so the sums have one writer; reports for a boundary are held until it passes.
 */
public final class SeriesMetricsFunction extends KeyedProcessFunction<String, SeriesReport, SeriesMetrics> {
    /** The one key everything is summed under. */
    public static final KeySelector<SeriesReport, String> ONE_KEY = new Global();

    private final int horizons;
    private transient ValueState<SeriesMetrics> totals;
    private transient MapState<Long, SeriesMetrics> increments;

    public SeriesMetricsFunction(int horizons) {
        this.horizons = horizons;
    }

    @Override
    public void open(OpenContext openContext) {
        totals = getRuntimeContext().getState(new ValueStateDescriptor<>("metrics-totals",
                TypeInformation.of(SeriesMetrics.class)));
        increments = getRuntimeContext().getMapState(new MapStateDescriptor<>("metrics-increments", Types.LONG,
                TypeInformation.of(SeriesMetrics.class)));
    }

    @Override
    public void processElement(SeriesReport r, Context ctx, Collector<SeriesMetrics> out) throws Exception {
        SeriesMetrics add = new SeriesMetrics(r.asOf(), r.first() ? 1 : 0, (r.first() ? 1 : 0) - (r.expired() ? 1 : 0),
                r.increment());
        SeriesMetrics held = increments.get(r.asOf());
        increments.put(r.asOf(), held == null ? add : plus(held, add));
        ctx.timerService().registerEventTimeTimer(r.asOf());
    }

    @Override
    public void onTimer(long asOf, OnTimerContext ctx, Collector<SeriesMetrics> out) throws Exception {
        SeriesMetrics add = increments.get(asOf);
        if (add == null) {
            return;
        }
        increments.remove(asOf);
        SeriesMetrics before = totals.value();
        if (before == null) {
            before = new SeriesMetrics(Long.MIN_VALUE, 0, 0, ScoreSums.zero(horizons));
        }
        SeriesMetrics now = plus(before, add);
        totals.update(now);
        out.collect(now);
    }

    private static SeriesMetrics plus(SeriesMetrics a, SeriesMetrics b) {
        return new SeriesMetrics(Math.max(a.asOf(), b.asOf()), a.keys() + b.keys(), a.liveKeys() + b.liveKeys(),
                a.totals().plus(b.totals()));
    }

    private static final class Global implements KeySelector<SeriesReport, String> {
        @Override
        public String getKey(SeriesReport report) {
            return "metrics";
        }
    }
}
