package io.riffle.streaming.reservoir;

import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.reservoir.event.SeriesForecast;
import io.riffle.models.reservoir.event.SeriesMetrics;
import io.riffle.models.reservoir.event.SeriesPoint;
import io.riffle.models.reservoir.event.SeriesRow;
import io.riffle.operators.common.DeadLetters;
import io.riffle.operators.common.DecodeRecords;
import io.riffle.operators.common.SourceNames;
import io.riffle.operators.reservoir.SeriesForecastOperator;
import io.riffle.operators.reservoir.SeriesMetricsFunction;
import io.riffle.operators.reservoir.SeriesWatermarks;
import io.riffle.operators.reservoir.SplitRows;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The reservoir job's graph, handed its source:
 *
 * <pre>
 * records ─ decode ─ split rows ─ event time ─ keyBy(series) ─ forecast ─┬─ predictions (one per point)
 *   (dead letters travel in band)                                        ├─ dead letters
 *                                                                        └─ key reports ─┬─ model versions
 *                                                                                        └─ metrics (one writer)
 * </pre>
 *
 * Decoding failures travel with the points to the forecaster, which emits every dead letter in one deterministic
 * order with its own. Every stateful step has a stable uid.
 */
public final class ReservoirPipeline {
    private ReservoirPipeline() {}

    /**
     * @param records raw records, without timestamps
     * @param sources names of the inputs by index, for dead letters raised after decoding
     */
    public static ReservoirStreams build(ReservoirJobConfig config, DataStream<SourceRecord> records,
                                         SourceNames sources) {
        return build(config, records, sources, false);
    }

    /**
     * @param sourceTimed the records come with event times and watermarks from their source (Kafka: per partition,
     *                    with idleness): decoding keeps those (a record is late when it is behind the watermark) and
     *                    the graph adds no watermarks of its own. One input needs no end-of-input step: the forecaster
     *                    does all due work in one total order, however event time advances.
     */
    public static ReservoirStreams build(ReservoirJobConfig config, DataStream<SourceRecord> records,
                                         SourceNames sources, boolean sourceTimed) {
        int sourceParallelism = records.getParallelism();
        DecodeRecords<SeriesRow> decode = new DecodeRecords<>(config.codec(), SeriesRow::time,
                config.allowedLatenessMillis(), config.speedup(), TypeInformation.of(SeriesRow.class),
                SeriesRow::deadLetter);
        SingleOutputStreamOperator<SeriesRow> rows = records
                .process(sourceTimed ? decode.sourceTimed(SeriesRow::withTime) : decode)
                .uid("decode-series").name("decode series").setParallelism(sourceParallelism);
        SingleOutputStreamOperator<SeriesPoint> split = rows
                .flatMap(new SplitRows()).uid("split-rows").name("split rows").setParallelism(sourceParallelism);
        DataStream<SeriesPoint> points = sourceTimed ? split : split
                .assignTimestampsAndWatermarks(SeriesWatermarks.strategy(config.allowedLatenessMillis(),
                        config.watermarkStepMillis()))
                .uid("watermarks-series").name("event time series").setParallelism(sourceParallelism);

        SingleOutputStreamOperator<SeriesForecast> forecasts = points
                .keyBy(SeriesPoint::key)
                .transform("forecast", TypeInformation.of(SeriesForecast.class),
                        new SeriesForecastOperator(config.settings(sources)))
                .uid("series-forecaster").setParallelism(config.parallelism());

        SingleOutputStreamOperator<SeriesMetrics> metrics = forecasts.getSideOutput(SeriesForecastOperator.REPORTS)
                .keyBy(SeriesMetricsFunction.ONE_KEY)
                .process(new SeriesMetricsFunction(config.horizons().length))
                .uid("series-metrics").name("metrics").setParallelism(1).setMaxParallelism(1);

        return new ReservoirStreams(forecasts, metrics, forecasts.getSideOutput(SeriesForecastOperator.REPORTS),
                forecasts.getSideOutput(DeadLetters.TAG));
    }
}
