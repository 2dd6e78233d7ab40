package io.riffle.streaming.ctr;

import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.sink.JsonLines;
import io.riffle.connectors.sink.JsonLinesFileSink;
import io.riffle.connectors.sink.ModelFileSink;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.operators.common.SourceNames;
import io.riffle.operators.ctr.NewVersionsOnly;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Wires a CTR job to recorded files in and JSON-lines files out. */
public final class CtrFileJob {
    private CtrFileJob() {}

    /**
     * Adds the job to {@code env}.
     *
     * @param input          impressions (and label events, for JSON lines)
     * @param labels         a second input of label events (JSON lines), or null
     * @param maxRecordBytes longer records are dead-lettered
     */
    public static void build(StreamExecutionEnvironment env, CtrJobConfig config, Path input, Path labels,
                             int maxRecordBytes, CtrOutputs outputs) {
        List<String> names = new ArrayList<>(List.of(input.toString()));
        DataStream<SourceRecord> records = read(env, input, 0, "impressions", maxRecordBytes);
        DataStream<SourceRecord> labelRecords = null;
        if (labels != null) {
            names.add(labels.toString());
            labelRecords = read(env, labels, 1, "labels", maxRecordBytes);
        }
        CtrStreams streams = CtrPipeline.build(config, records, labelRecords, new SourceNames(names));
        writeOutputs(streams, outputs);
    }

    static DataStream<SourceRecord> read(StreamExecutionEnvironment env, Path file, int index, String name,
                                         int maxRecordBytes) {
        return env.fromSource(LineFileSource.of(file, index, maxRecordBytes), WatermarkStrategy.noWatermarks(),
                        "read " + name)
                .uid("source-" + name).setParallelism(1);
    }

    /** Sinks every output of {@code streams} to the files of {@code outputs}; each file has one writer. */
    public static void writeOutputs(CtrStreams streams, CtrOutputs outputs) {
        streams.predictions()
                .sinkTo(new JsonLinesFileSink<>(outputs.predictions(), JsonLines.predictions(), false))
                .uid("sink-predictions").name("predictions.jsonl").setParallelism(1);
        streams.metrics()
                .sinkTo(new JsonLinesFileSink<>(outputs.metrics(), JsonLines.ctrMetrics(), true))
                .uid("sink-metrics").name("metrics.jsonl").setParallelism(1);
        streams.deadLetters()
                .sinkTo(new JsonLinesFileSink<>(outputs.deadLetters(), JsonLines.deadLetters(), false))
                .uid("sink-dead-letters").name("dead-letters.jsonl").setParallelism(1);
        streams.modelVersions()
                .filter(new NewVersionsOnly()).uid("new-versions-only").name("new versions only").setParallelism(1)
                .sinkTo(new JsonLinesFileSink<>(outputs.versions(), JsonLines.modelVersions(), true))
                .uid("sink-model-versions").name("model-versions.jsonl").setParallelism(1);
        streams.modelFiles()
                .sinkTo(new ModelFileSink(outputs.model()))
                .uid("sink-model-file").name("model.riffle").setParallelism(1);
    }
}
