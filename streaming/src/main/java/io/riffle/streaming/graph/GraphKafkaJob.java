package io.riffle.streaming.graph;

import io.riffle.connectors.graph.GraphJsonLines;
import io.riffle.connectors.kafka.KafkaOutput;
import io.riffle.connectors.kafka.KafkaSinks;
import io.riffle.connectors.sink.JsonLines;
import io.riffle.connectors.sink.JsonLinesFileSink;
import io.riffle.connectors.sink.ModelFileSink;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.graph.event.LinkPrediction;
import io.riffle.streaming.kafka.KafkaJobSettings;
import io.riffle.streaming.kafka.KafkaJobs;
import io.riffle.streaming.kafka.OutputTopics;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Wires a graph job to Kafka: a topic of interactions in, topics out (exactly once), plus the small outputs (metrics,
 * dead letters, the model file at the end of a bounded input) as files under {@code --out} too.
 *
 * <p>Interactions get their event times and watermarks in the Kafka source, per partition ({@link KafkaJobs}), and
 * are read and decoded in parallel; the one learner takes them in (time, partition, offset) order once the watermark
 * has passed them ({@link GraphPipeline#build(GraphJobConfig, DataStream, boolean)}), as the file job takes them in
 * (time, line) order. A partition must be in time order within the allowed lateness: {@code riffle kafka load} loads
 * an edge file in time order.
 *
 * <p>Model versions: one record per metrics line, naming the optimiser step as of that event time
 * ({@link GraphJsonLines#modelVersions}).
 */
public final class GraphKafkaJob {
    private GraphKafkaJob() {}

    /** Adds the job to {@code env}. */
    public static void build(StreamExecutionEnvironment env, GraphJobConfig config, KafkaJobSettings kafka,
                             GraphOutputs files) {
        writeOutputs(GraphPipeline.build(config, read(env, config, kafka), true), config, kafka, files);
    }

    /** The input topic as raw records with event times and per-partition watermarks. */
    public static DataStream<SourceRecord> read(StreamExecutionEnvironment env, GraphJobConfig config,
                                                KafkaJobSettings kafka) {
        return KafkaJobs.read(env, kafka.input(), config.allowedLatenessMillis(), config.watermarkStepMillis(),
                kafka.partitionIdleTimeout(), "interactions", config.parallelism());
    }

    /**
     * Predictions (keyed by source node), metrics and model versions (keyed by the graph's name) and dead letters
     * (no key) to their topics, exactly once; metrics, dead letters and the model file also to {@code files}.
     */
    public static void writeOutputs(GraphStreams streams, GraphJobConfig config, KafkaJobSettings kafka,
                                    GraphOutputs files) {
        KafkaOutput out = kafka.output();
        OutputTopics topics = kafka.topics();
        String graph = config.graph();
        streams.predictions()
                .sinkTo(KafkaSinks.exactlyOnce(out, topics.predictions(), "predictions", GraphJsonLines.predictions(),
                        LinkPrediction::source))
                .uid("kafka-sink-predictions").name("kafka " + topics.predictions()).setParallelism(1);
        streams.metrics()
                .sinkTo(KafkaSinks.exactlyOnce(out, topics.metrics(), "metrics", GraphJsonLines.metrics(),
                        m -> graph))
                .uid("kafka-sink-metrics").name("kafka " + topics.metrics()).setParallelism(1);
        streams.metrics()
                .sinkTo(new JsonLinesFileSink<>(files.metrics(), GraphJsonLines.metrics(), true))
                .uid("sink-metrics").name("metrics.jsonl").setParallelism(1);
        streams.metrics()
                .sinkTo(KafkaSinks.exactlyOnce(out, topics.modelVersions(), "model-versions",
                        GraphJsonLines.modelVersions(graph), m -> graph))
                .uid("kafka-sink-model-versions").name("kafka " + topics.modelVersions()).setParallelism(1);
        streams.deadLetters()
                .sinkTo(KafkaSinks.exactlyOnce(out, topics.deadLetters(), "dead-letters", JsonLines.deadLetters(),
                        null))
                .uid("kafka-sink-dead-letters").name("kafka " + topics.deadLetters()).setParallelism(1);
        streams.deadLetters()
                .sinkTo(new JsonLinesFileSink<>(files.deadLetters(), JsonLines.deadLetters(), false))
                .uid("sink-dead-letters").name("dead-letters.jsonl").setParallelism(1);
        streams.modelFiles()
                .sinkTo(new ModelFileSink(files.model()))
                .uid("sink-model-file").name("model.riffle").setParallelism(1);
    }
}
