package io.riffle.streaming.reservoir;

import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.reservoir.SeriesJsonLines;
import io.riffle.connectors.sink.JsonLines;
import io.riffle.connectors.sink.JsonLinesFileSink;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.operators.common.SourceNames;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Wires a reservoir job to a recorded file in and JSON-lines files out. */
public final class ReservoirFileJob {
    private ReservoirFileJob() {}

    /**
     * Adds the job to {@code env}.
     *
     * @param maxRecordBytes longer records are dead-lettered
     */
    public static void build(StreamExecutionEnvironment env, ReservoirJobConfig config, Path input,
                             int maxRecordBytes, ReservoirOutputs outputs) {
        DataStream<SourceRecord> records = env.fromSource(LineFileSource.of(input, 0, maxRecordBytes),
                        WatermarkStrategy.noWatermarks(), "read series")
                .uid("source-series").setParallelism(1);
        writeOutputs(ReservoirPipeline.build(config, records, new SourceNames(List.of(input.toString()))),
                config.horizons(), outputs);
    }

    /** Sinks every output of {@code streams} to the files of {@code outputs}; each file has one writer. */
    public static void writeOutputs(ReservoirStreams streams, int[] horizons, ReservoirOutputs outputs) {
        streams.forecasts()
                .sinkTo(new JsonLinesFileSink<>(outputs.predictions(), SeriesJsonLines.forecasts(horizons), false))
                .uid("sink-predictions").name("predictions.jsonl").setParallelism(1);
        streams.metrics()
                .sinkTo(new JsonLinesFileSink<>(outputs.metrics(), SeriesJsonLines.metrics(horizons), true))
                .uid("sink-metrics").name("metrics.jsonl").setParallelism(1);
        streams.reports()
                .sinkTo(new JsonLinesFileSink<>(outputs.versions(), SeriesJsonLines.reports(horizons), false))
                .uid("sink-model-versions").name("model-versions.jsonl").setParallelism(1);
        streams.deadLetters()
                .sinkTo(new JsonLinesFileSink<>(outputs.deadLetters(), JsonLines.deadLetters(), false))
                .uid("sink-dead-letters").name("dead-letters.jsonl").setParallelism(1);
    }
}
