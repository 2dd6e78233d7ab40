package io.riffle.streaming.reservoir;

import io.riffle.models.event.DeadLetter;
import io.riffle.models.reservoir.event.SeriesForecast;
import io.riffle.models.reservoir.event.SeriesMetrics;
import io.riffle.models.reservoir.event.SeriesReport;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The outputs of a reservoir job's graph, for the caller to wire to sinks. */
public record ReservoirStreams(
        DataStream<SeriesForecast> forecasts,
        DataStream<SeriesMetrics> metrics,
        DataStream<SeriesReport> reports,
        DataStream<DeadLetter> deadLetters) {}
