package io.riffle.streaming.reservoir;

import io.riffle.connectors.kafka.KafkaOutput;
import io.riffle.connectors.reservoir.SeriesJsonLines;
import io.riffle.connectors.sink.JsonLinesFileSink;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.reservoir.event.SeriesForecast;
import io.riffle.models.reservoir.event.SeriesReport;
import io.riffle.streaming.kafka.KafkaJobSettings;
import io.riffle.streaming.kafka.KafkaJobSinks;
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
        KafkaJobSinks.toTopic(streams.forecasts(), out, topics.predictions(), "predictions",
                SeriesJsonLines.forecasts(horizons), SeriesForecast::key, config.parallelism());
        KafkaJobSinks.metrics(streams.metrics(), out, topics.metrics(), SeriesJsonLines.metrics(horizons),
                "reservoir", files.metrics());
        DataStream<SeriesReport> reports = KafkaJobSinks.towardSingleSinks(streams.reports());
        KafkaJobSinks.toTopic(reports, out, topics.modelVersions(), "model-versions",
                SeriesJsonLines.reports(horizons), SeriesReport::key, 1);
        reports
                .sinkTo(new JsonLinesFileSink<>(files.versions(), SeriesJsonLines.reports(horizons), false))
                .uid("sink-model-versions").name("model-versions.jsonl").setParallelism(1);
        KafkaJobSinks.deadLetters(streams.deadLetters(), out, topics.deadLetters(), files.deadLetters());
    }
}
