package io.riffle.streaming.graph;

import io.riffle.connectors.graph.GraphJsonLines;
import io.riffle.connectors.kafka.KafkaOutput;
import io.riffle.connectors.sink.ModelFileSink;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.graph.event.LinkPrediction;
import io.riffle.streaming.kafka.KafkaJobSettings;
import io.riffle.streaming.kafka.KafkaJobSinks;
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
        KafkaJobSinks.toTopic(streams.predictions(), out, topics.predictions(), "predictions",
                GraphJsonLines.predictions(), LinkPrediction::source, 1);
        KafkaJobSinks.metrics(streams.metrics(), out, topics.metrics(), GraphJsonLines.metrics(), graph,
                files.metrics());
        KafkaJobSinks.toTopic(streams.metrics(), out, topics.modelVersions(), "model-versions",
                GraphJsonLines.modelVersions(graph), m -> graph, 1);
        KafkaJobSinks.deadLetters(streams.deadLetters(), out, topics.deadLetters(), files.deadLetters());
        streams.modelFiles()
                .sinkTo(new ModelFileSink(files.model()))
                .uid("sink-model-file").name("model.riffle").setParallelism(1);
    }
}
