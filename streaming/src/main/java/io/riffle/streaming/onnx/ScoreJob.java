package io.riffle.streaming.onnx;

import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.sink.JsonLines;
import io.riffle.connectors.sink.JsonLinesFileSink;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.event.CtrEvent;
import io.riffle.models.event.DeadLetter;
import io.riffle.models.event.Impression;
import io.riffle.models.event.Prediction;
import io.riffle.models.scoring.OnnxModelVersion;
import io.riffle.operators.common.DeadLetters;
import io.riffle.operators.ctr.DecodeFunction;
import io.riffle.operators.onnx.ImpressionsOnly;
import io.riffle.operators.onnx.SingleInputBatchScoringOperator;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The graph of {@code riffle score}: records ─ decode ─ impressions ─ batch scorer (ONNX) ─ predictions, with dead
 * letters for records that cannot be decoded. No event time is needed: the model is fixed (or swapped from a watched
 * file), so every impression is scored as it comes, in input order at parallelism 1.
 */
public final class ScoreJob {
    /** Decoding keeps every record: scoring does not drop late ones. */
    private static final long NO_LATENESS_LIMIT = Long.MAX_VALUE / 4;

    private ScoreJob() {}

    /** The prediction and dead-letter streams of a score job over {@code records}. */
    public record Streams(DataStream<Prediction> predictions, DataStream<DeadLetter> deadLetters) {}

    public static Streams build(ScoreConfig config, DataStream<SourceRecord> records) {
        SingleOutputStreamOperator<CtrEvent> decoded = records
                .process(new DecodeFunction(config.codec(), NO_LATENESS_LIMIT, 0))
                .uid("decode-score-input").name("decode").setParallelism(records.getParallelism());
        DataStream<Impression> impressions = decoded
                .process(new ImpressionsOnly())
                .uid("impressions-only").name("impressions").setParallelism(config.parallelism());
        SingleOutputStreamOperator<Prediction> predictions = impressions
                .transform("score ONNX " + Path.of(config.scorer().modelPath()).getFileName(),
                        TypeInformation.of(Prediction.class),
                        new SingleInputBatchScoringOperator<>(config.scorer(), config.batch(),
                                TypeInformation.of(Impression.class), TypeInformation.of(OnnxModelVersion.class)))
                .uid("onnx-scorer").setParallelism(config.parallelism());
        return new Streams(predictions, decoded.getSideOutput(DeadLetters.TAG));
    }

    /** Wires {@link #build} to a file in and JSON-lines files out. */
    public static void build(StreamExecutionEnvironment env, ScoreConfig config, Path input, ScoreOutputs outputs) {
        DataStream<SourceRecord> records = env
                .fromSource(LineFileSource.of(input, 0, config.maxRecordBytes()), WatermarkStrategy.noWatermarks(),
                        "read input")
                .uid("source-score-input").setParallelism(1);
        Streams streams = build(config, records);
        streams.predictions()
                .sinkTo(new JsonLinesFileSink<>(outputs.predictions(), JsonLines.predictions(), false))
                .uid("sink-predictions").name("predictions.jsonl").setParallelism(1);
        streams.deadLetters()
                .sinkTo(new JsonLinesFileSink<>(outputs.deadLetters(), JsonLines.deadLetters(), false))
                .uid("sink-dead-letters").name("dead-letters.jsonl").setParallelism(1);
    }
}
