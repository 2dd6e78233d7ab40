package io.riffle.streaming.ctr;

import io.riffle.connectors.codec.CtrFormat;
import io.riffle.connectors.kafka.KafkaInput;
import io.riffle.connectors.kafka.KafkaOutput;
import io.riffle.connectors.kafka.KafkaSources;
import io.riffle.connectors.sink.JsonLines;
import io.riffle.connectors.sink.JsonLinesFileSink;
import io.riffle.connectors.sink.ModelFileSink;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.ctr.LinearModelUpdate;
import io.riffle.models.event.Prediction;
import io.riffle.operators.common.SourceNames;
import io.riffle.operators.ctr.NewVersionsOnly;
import io.riffle.streaming.kafka.KafkaJobSinks;
import io.riffle.streaming.kafka.KafkaJobs;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Wires a CTR job to Kafka: topics in, topics out (exactly once), plus the small outputs (metrics, dead letters, model
 * versions, the model file) as files under {@code --out} too, for the progress line, the summary and people.
 *
 * <p><b>Event time.</b> Each input gets its event times and watermarks in the Kafka source, per partition, with
 * idleness in a live input ({@link KafkaJobs}). The pipeline then adds no watermarks of its own
 * ({@link CtrPipeline#build(CtrJobConfig, DataStream, DataStream, SourceNames, boolean)}).
 *
 * <p><b>Sources.</b> Impressions and labels topics of JSON lines, read alike, share one source and are decoded as one
 * mixed input; otherwise each input has its own source and the pipeline unions them after decoding.
 */
public final class CtrKafkaJob {
    private CtrKafkaJob() {}

    /** Adds the job to {@code env}. */
    public static void build(StreamExecutionEnvironment env, CtrJobConfig config, CtrKafkaSettings kafka,
                             CtrOutputs files) {
        CtrStreams streams;
        if (kafka.labels() != null && config.codec().format() == CtrFormat.JSONL
                && KafkaSources.combinable(kafka.impressions(), kafka.labels())) {
            // Both topics hold JSON lines and are read alike: one source, decoded as one mixed input (as one file of
            // impressions and labels is), so no union and no network hop before featurizing.
            DataStream<SourceRecord> all = env.fromSource(KafkaSources.of(List.of(kafka.impressions(),
                                    kafka.labels())), watermarks(config, idleTimeout(kafka.impressions(),
                                    kafka.partitionIdleTimeout())), "kafka impressions and labels")
                    .uid("kafka-source-impressions-and-labels").setParallelism(config.parallelism());
            streams = CtrPipeline.build(config, all, null, sourceNames(kafka), true);
        } else {
            DataStream<SourceRecord> impressions = read(env, config, kafka.impressions(),
                    kafka.partitionIdleTimeout(), "impressions");
            DataStream<SourceRecord> labels = kafka.labels() == null ? null
                    : read(env, config, kafka.labels(), kafka.partitionIdleTimeout(), "labels");
            streams = CtrPipeline.build(config, impressions, labels, sourceNames(kafka), true);
        }
        writeOutputs(streams, config, kafka, files);
    }

    private static Duration idleTimeout(KafkaInput input, Duration idleTimeout) {
        return KafkaJobs.idleTimeout(input, idleTimeout);
    }

    /**
     * One Kafka input as raw records with event times and per-partition watermarks, read with the job's
     * parallelism (each reader takes some of the partitions).
     */
    public static DataStream<SourceRecord> read(StreamExecutionEnvironment env, CtrJobConfig config, KafkaInput input,
                                                Duration idleTimeout, String name) {
        return KafkaJobs.read(env, input, config.allowedLatenessMillis(), config.watermarkStepMillis(), idleTimeout,
                name, config.parallelism());
    }

    /** {@link KafkaJobs#watermarks} with the job's allowed lateness and watermark step. */
    public static WatermarkStrategy<SourceRecord> watermarks(CtrJobConfig config, Duration idleTimeout) {
        return KafkaJobs.watermarks(config.allowedLatenessMillis(), config.watermarkStepMillis(), idleTimeout);
    }

    /**
     * Names records' origins for dead letters raised after decoding: the topics of each input and the partition.
     */
    public static SourceNames sourceNames(CtrKafkaSettings kafka) {
        return KafkaJobs.sourceNames(kafka.labels() == null ? List.of(kafka.impressions())
                : List.of(kafka.impressions(), kafka.labels()));
    }

    /**
     * Predictions, metrics, dead letters and model versions to their topics, exactly once; metrics, dead letters,
     * model versions and the model file also to {@code files}.
     */
    public static void writeOutputs(CtrStreams streams, CtrJobConfig config, CtrKafkaSettings kafka,
                                    CtrOutputs files) {
        KafkaOutput out = kafka.output();
        CtrTopics topics = kafka.topics();
        String model = config.model();
        KafkaJobSinks.toTopic(streams.predictions(), out, topics.predictions(), "predictions",
                JsonLines.predictions(), Prediction::id, config.parallelism());
        KafkaJobSinks.metrics(streams.metrics(), out, topics.metrics(), JsonLines.ctrMetrics(), model,
                files.metrics());
        KafkaJobSinks.deadLetters(streams.deadLetters(), out, topics.deadLetters(), files.deadLetters());
        DataStream<LinearModelUpdate> versions = streams.modelVersions()
                .filter(new NewVersionsOnly()).uid("new-versions-only").name("new versions only").setParallelism(1);
        KafkaJobSinks.toTopic(versions, out, topics.modelVersions(), "model-versions", JsonLines.modelVersions(),
                v -> model, 1);
        versions.sinkTo(new JsonLinesFileSink<>(files.versions(), JsonLines.modelVersions(), true))
                .uid("sink-model-versions").name("model-versions.jsonl").setParallelism(1);
        streams.modelFiles()
                .sinkTo(new ModelFileSink(files.model()))
                .uid("sink-model-file").name("model.riffle").setParallelism(1);
    }
}
