package io.riffle.streaming.graph;

import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.graph.EdgeFiles;
import io.riffle.connectors.graph.GraphJsonLines;
import io.riffle.connectors.sink.JsonLines;
import io.riffle.connectors.sink.JsonLinesFileSink;
import io.riffle.connectors.sink.ModelFileSink;
import io.riffle.connectors.source.SourceRecord;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Wires a graph job to a recorded edge file (or its time-sorted copy) in and JSON-lines files out. */
public final class GraphFileJob {
    private GraphFileJob() {}

    /**
     * Adds the job to {@code env}.
     *
     * @param input          the user's edge file (dead letters name it and its line numbers)
     * @param sortedCopy     its time-sorted copy ({@link EdgeFiles#sortInto}) to read instead, or null to read the
     *                       file itself
     * @param maxRecordBytes longer records are dead-lettered
     */
    public static void build(StreamExecutionEnvironment env, GraphJobConfig config, Path input, Path sortedCopy,
                             int maxRecordBytes, GraphOutputs outputs) {
        FileSource<SourceRecord> source = sortedCopy == null
                ? LineFileSource.of(input, 0, maxRecordBytes)
                : EdgeFiles.sortedSource(sortedCopy, input.toString(), 0, maxRecordBytes);
        DataStream<SourceRecord> records = env.fromSource(source, WatermarkStrategy.noWatermarks(), "read edges")
                .uid("source-edges").setParallelism(1);
        writeOutputs(GraphPipeline.build(config, records), outputs);
    }

    /** Sinks every output of {@code streams} to the files of {@code outputs}; each file has one writer. */
    public static void writeOutputs(GraphStreams streams, GraphOutputs outputs) {
        streams.predictions()
                .sinkTo(new JsonLinesFileSink<>(outputs.predictions(), GraphJsonLines.predictions(), false))
                .uid("sink-predictions").name("predictions.jsonl").setParallelism(1);
        streams.metrics()
                .sinkTo(new JsonLinesFileSink<>(outputs.metrics(), GraphJsonLines.metrics(), true))
                .uid("sink-metrics").name("metrics.jsonl").setParallelism(1);
        streams.deadLetters()
                .sinkTo(new JsonLinesFileSink<>(outputs.deadLetters(), JsonLines.deadLetters(), false))
                .uid("sink-dead-letters").name("dead-letters.jsonl").setParallelism(1);
        streams.modelFiles()
                .sinkTo(new ModelFileSink(outputs.model()))
                .uid("sink-model-file").name("model.riffle").setParallelism(1);
    }
}
