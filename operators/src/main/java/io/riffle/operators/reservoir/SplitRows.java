package io.riffle.operators.reservoir;

import io.riffle.models.reservoir.event.SeriesPoint;
import io.riffle.models.reservoir.event.SeriesRow;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

/**
 * Splits each decoded row into its points (one per series of a wide CSV row), in column order, followed by the row's
 * dead letter if some of its cells were unusable. A whole-record dead letter passes on in band.
 */
public final class SplitRows implements FlatMapFunction<SeriesRow, SeriesPoint>, ResultTypeQueryable<SeriesPoint> {
    @Override
    public void flatMap(SeriesRow row, Collector<SeriesPoint> out) {
        int n = row.points();
        if (n == 1) {
            out.collect(SeriesPoint.of(row.keys()[0], row.time(), row.seq(), row.values()));
        } else {
            for (int i = 0; i < n; i++) {
                out.collect(SeriesPoint.of(row.keys()[i], row.time(), row.seq(), row.valuesOf(i)));
            }
        }
        if (row.deadLetter() != null) {
            out.collect(SeriesPoint.deadLetter(row.deadLetter()));
        }
    }

    @Override
    public TypeInformation<SeriesPoint> getProducedType() {
        return TypeInformation.of(SeriesPoint.class);
    }
}
