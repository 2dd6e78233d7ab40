package io.riffle.streaming.reservoir;

import io.riffle.connectors.kafka.KafkaOutput;
import io.riffle.connectors.kafka.KafkaSinks;
import io.riffle.connectors.reservoir.SeriesJsonLines;
import io.riffle.connectors.sink.JsonLines;
import io.riffle.connectors.sink.JsonLinesFileSink;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.reservoir.event.SeriesForecast;
import io.riffle.models.reservoir.event.SeriesReport;
import io.riffle.streaming.kafka.KafkaJobSettings;
import io.riffle.streaming.kafka.KafkaJobs;
import io.riffle.streaming.kafka.OutputTopics;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Wires a reservoir job to Kafka: a topic of series points in, topics out (exactly once), plus the small outputs
 * (metrics, model versions, dead letters) as files under {@code --out} too, for the progress line, the summary and
 * people.
 *
 * <p>Points get their event times and watermarks in the Kafka source, per partition ({@link KafkaJobs}); the
 * pipeline adds none of its own ({@link ReservoirPipeline#build(ReservoirJobConfig, DataStream,
 * io.riffle.operators.common.SourceNames, boolean)}). {@code riffle kafka load} keys points by series, so a series
 * stays in one partition, in order; the forecaster orders each key's points by (time, partition, offset) as the file
 * job orders them by (time, line), so a replay through Kafka forecasts what a replay of the file forecasts.
 */
public final class ReservoirKafkaJob {
    private ReservoirKafkaJob() {}

    /** Adds the job to {@code env}. */
    public static void build(StreamExecutionEnvironment env, ReservoirJobConfig config, KafkaJobSettings kafka,
                             ReservoirOutputs files) {
        DataStream<SourceRecord> records = read(env, config, kafka);
        ReservoirStreams streams = ReservoirPipeline.build(config, records,
                KafkaJobs.sourceNames(List.of(kafka.input())), true);
        writeOutputs(streams, config, kafka, files);
    }

    /** The input topic as raw records with event times and per-partition watermarks. */
    public static DataStream<SourceRecord> read(StreamExecutionEnvironment env, ReservoirJobConfig config,
                                                KafkaJobSettings kafka) {
        return KafkaJobs.read(env, kafka.input(), config.allowedLatenessMillis(), config.watermarkStepMillis(),
                kafka.partitionIdleTimeout(), "series", config.parallelism());
    }

    /**
     * Forecasts (keyed by series), metrics (keyed {@code reservoir}), dead letters (no key) and model versions
     * (the per-key reports, keyed by series) to their topics, exactly once; metrics, model versions and dead letters
     * also to {@code files}.
     */
    public static void writeOutputs(ReservoirStreams streams, ReservoirJobConfig config, KafkaJobSettings kafka,
                                    ReservoirOutputs files) {
        KafkaOutput out = kafka.output();
        OutputTopics topics = kafka.topics();
        int[] horizons = config.horizons();
        streams.forecasts()
                .sinkTo(KafkaSinks.exactlyOnce(out, topics.predictions(), "predictions",
                        SeriesJsonLines.forecasts(horizons), SeriesForecast::key))
                .uid("kafka-sink-predictions").name("kafka " + topics.predictions())
                .setParallelism(config.parallelism());
        streams.metrics()
                .sinkTo(KafkaSinks.exactlyOnce(out, topics.metrics(), "metrics", SeriesJsonLines.metrics(horizons),
                        m -> "reservoir"))
                .uid("kafka-sink-metrics").name("kafka " + topics.metrics()).setParallelism(1);
        streams.metrics()
                .sinkTo(new JsonLinesFileSink<>(files.metrics(), SeriesJsonLines.metrics(horizons), true))
                .uid("sink-metrics").name("metrics.jsonl").setParallelism(1);
        streams.reports()
                .sinkTo(KafkaSinks.exactlyOnce(out, topics.modelVersions(), "model-versions",
                        SeriesJsonLines.reports(horizons), SeriesReport::key))
                .uid("kafka-sink-model-versions").name("kafka " + topics.modelVersions()).setParallelism(1);
        streams.reports()
                .sinkTo(new JsonLinesFileSink<>(files.versions(), SeriesJsonLines.reports(horizons), false))
                .uid("sink-model-versions").name("model-versions.jsonl").setParallelism(1);
        streams.deadLetters()
                .sinkTo(KafkaSinks.exactlyOnce(out, topics.deadLetters(), "dead-letters", JsonLines.deadLetters(),
                        null))
                .uid("kafka-sink-dead-letters").name("kafka " + topics.deadLetters()).setParallelism(1);
        streams.deadLetters()
                .sinkTo(new JsonLinesFileSink<>(files.deadLetters(), JsonLines.deadLetters(), false))
                .uid("sink-dead-letters").name("dead-letters.jsonl").setParallelism(1);
    }
}
