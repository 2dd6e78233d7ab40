package io.riffle.streaming.kafka;

import io.riffle.connectors.codec.EventTimes;
import io.riffle.connectors.codec.TimeParser;
import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.graph.EdgeCodecSpec;
import io.riffle.connectors.graph.EdgeFormat;
import io.riffle.connectors.kafka.EventTimeSource;
import io.riffle.connectors.kafka.KafkaInput;
import io.riffle.connectors.kafka.KafkaOutput;
import io.riffle.connectors.kafka.KafkaStart;
import io.riffle.connectors.kafka.KafkaStop;
import io.riffle.connectors.reservoir.SeriesCodecSpec;
import io.riffle.connectors.reservoir.SeriesTimes;
import io.riffle.models.graph.TgnConfig;
import io.riffle.models.readout.FeatureLayout;
import io.riffle.models.readout.RlsConfig;
import io.riffle.models.reservoir.EsnSpec;
import io.riffle.models.reservoir.forecast.ForecasterConfig;
import io.riffle.streaming.graph.GraphJobConfig;
import io.riffle.streaming.graph.GraphKafkaJob;
import io.riffle.streaming.graph.GraphOutputs;
import io.riffle.streaming.reservoir.ReservoirJobConfig;
import io.riffle.streaming.reservoir.ReservoirKafkaJob;
import io.riffle.streaming.reservoir.ReservoirOutputs;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reservoir and graph Kafka jobs can be rescaled from their own checkpoints ({@link RescalableGraphs}). */
class FamilyKafkaJobGraphTest {
    @TempDir
    Path dir;

    @Test
    void theReservoirJobRescalesFromItsCheckpoints() {
        RescalableGraphs.assertRescalable(parallelism -> {
            ForecasterConfig forecaster = new ForecasterConfig(EsnSpec.defaults().withUnits(30),
                    RlsConfig.defaults(), FeatureLayout.defaults(), 3, 50, 10, true, 0, 1e-6);
            ReservoirJobConfig config = new ReservoirJobConfig(forecaster, new int[] {1, 3},
                    SeriesCodecSpec.jsonLines(), 3000, 100, 60_000, 0, 1000, 64L << 20, 0, parallelism);
            StreamExecutionEnvironment env = environment(parallelism);
            ReservoirKafkaJob.build(env, config, settings("reservoir", SeriesTimes.PARSER),
                    new ReservoirOutputs(dir.resolve("reservoir-" + parallelism)));
            return jobGraph(env);
        });
    }

    @Test
    void theGraphJobRescalesFromItsCheckpoints() {
        RescalableGraphs.assertRescalable(parallelism -> {
            GraphJobConfig config = new GraphJobConfig("g", TgnConfig.defaults().withDimensions(16, 16, 16),
                    EdgeCodecSpec.of(EdgeFormat.JSONL), 4, 60_000, 60_000L, 1000, 1000, 0, parallelism, null, 64);
            StreamExecutionEnvironment env = environment(parallelism);
            GraphKafkaJob.build(env, config, settings("graph", EventTimes.INSTANTS),
                    new GraphOutputs(dir.resolve("graph-" + parallelism)));
            return jobGraph(env);
        });
    }

    private StreamExecutionEnvironment environment(int parallelism) {
        return FlinkSetup.environment(new RuntimeSettings(dir.resolve("state-" + parallelism + "-" + System.nanoTime()),
                Duration.ofSeconds(1), null, 0));
    }

    private static JobGraph jobGraph(StreamExecutionEnvironment env) {
        return env.getStreamGraph().getJobGraph();
    }

    private static KafkaJobSettings settings(String family, TimeParser times) {
        KafkaInput input = new KafkaInput("localhost:1", List.of(family), 0, "g", KafkaStart.EARLIEST,
                KafkaStop.NEVER, EventTimeSource.FIELD, "time", LineFileSource.DEFAULT_MAX_RECORD_BYTES, Map.of(),
                times);
        return new KafkaJobSettings(input, OutputTopics.of(family),
                new KafkaOutput("localhost:1", "g", Duration.ofMinutes(5), Map.of()), Duration.ofSeconds(10),
                Duration.ofSeconds(30));
    }
}
