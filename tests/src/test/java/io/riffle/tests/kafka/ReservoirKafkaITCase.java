package io.riffle.tests.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.kafka.EmbeddedKafka;
import io.riffle.connectors.kafka.EventTimeSource;
import io.riffle.connectors.kafka.KafkaInput;
import io.riffle.connectors.kafka.KafkaOutput;
import io.riffle.connectors.kafka.KafkaStart;
import io.riffle.connectors.kafka.KafkaStop;
import io.riffle.connectors.reservoir.SeriesCodecSpec;
import io.riffle.connectors.reservoir.SeriesGenerators;
import io.riffle.connectors.reservoir.SeriesTimes;
import io.riffle.models.readout.FeatureLayout;
import io.riffle.models.readout.RlsConfig;
import io.riffle.models.reservoir.EsnSpec;
import io.riffle.models.reservoir.forecast.ForecasterConfig;
import io.riffle.streaming.kafka.KafkaJobSettings;
import io.riffle.streaming.kafka.OutputTopics;
import io.riffle.streaming.reservoir.ReservoirJobConfig;
import io.riffle.streaming.reservoir.ReservoirKafkaRun;
import io.riffle.streaming.reservoir.ReservoirOutputs;
import io.riffle.streaming.reservoir.ReservoirRun;
import io.riffle.streaming.reservoir.ReservoirSummary;
import io.riffle.streaming.cli.Riffle;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Series loaded into a topic of three partitions ({@code riffle kafka load --family reservoir}: keyed by series) and
 * forecast by the reservoir job through the in-process broker: exactly one forecast per point in the predictions
 * topic as a read_committed consumer sees it, none lost or duplicated, and each the same (same values, same model
 * version) as the file replay of the same points forecasts. A record that is not a point is dead-lettered with its
 * topic, partition and offset.
 */
class ReservoirKafkaITCase {
    private static final long START = 1_700_000_000_000L;
    private static final int POINTS_PER_KEY = 120;

    @TempDir
    Path dir;

    @Test
    void everyPointIsForecastOnceAndAsTheFileReplayForecastsIt() throws Exception {
        Path series = dir.resolve("series.jsonl");
        long points = SeriesGenerators.writeJsonLines(series, List.of(SeriesGenerators.mackeyGlass(POINTS_PER_KEY, 5),
                SeriesGenerators.santaFeLaser(POINTS_PER_KEY), SeriesGenerators.lorenz(POINTS_PER_KEY, 5)), START,
                1000);
        ReservoirJobConfig config = config();

        ReservoirOutputs fileOut = new ReservoirOutputs(dir.resolve("file-out"));
        ReservoirRun.run(new ReservoirRun.Request(config, series, LineFileSource.DEFAULT_MAX_RECORD_BYTES, fileOut,
                runtime(dir.resolve("file-state"))), null);
        List<String> fileForecasts = Files.readAllLines(fileOut.predictions());
        assertThat(fileForecasts).hasSize((int) points);

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            String bootstrap = kafka.bootstrapServers();
            StringWriter loadOut = new StringWriter();
            CommandLine riffle = Riffle.commandLine();
            riffle.setOut(new PrintWriter(loadOut, true));
            assertThat(riffle.execute("kafka", "load", "--family", "reservoir", "--bootstrap-servers", bootstrap,
                    "--topic", "series", "--partitions", "3", "--input", series.toString())).as("%s", loadOut)
                    .isZero();
            assertThat(loadOut.toString()).contains(String.format("%,d points", points));
            long badOffset;
            try (var producer = KafkaTestSupport.producer(bootstrap)) {
                badOffset = producer.send(new ProducerRecord<>("series", 1, START, null,
                        "not a point".getBytes(StandardCharsets.UTF_8))).get().offset();
            }

            KafkaInput input = new KafkaInput(bootstrap, List.of("series"), 0, "riffle-test-reservoir",
                    KafkaStart.EARLIEST, KafkaStop.END, EventTimeSource.FIELD, "time",
                    LineFileSource.DEFAULT_MAX_RECORD_BYTES, Map.of(), SeriesTimes.PARSER);
            OutputTopics topics = OutputTopics.of("reservoir");
            KafkaJobSettings settings = new KafkaJobSettings(input, topics,
                    new KafkaOutput(bootstrap, "riffle-test-reservoir", Duration.ofMinutes(5), Map.of()),
                    Duration.ofSeconds(10), Duration.ofSeconds(30));
            ReservoirOutputs kafkaOut = new ReservoirOutputs(dir.resolve("kafka-out"));
            ReservoirSummary summary = ReservoirKafkaRun.run(new ReservoirKafkaRun.Request(config, settings, kafkaOut,
                    runtime(dir.resolve("kafka-state")), null), null);

            List<String> kafkaForecasts = KafkaTestSupport.committedValues(bootstrap, topics.predictions());
            assertThat(summary.points()).isEqualTo(points);
            assertThat(kafkaForecasts).hasSize((int) points).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(fileForecasts);
            assertThat(KafkaTestSupport.committedKeys(bootstrap, topics.predictions())).doesNotContainNull();
            assertThat(Files.exists(kafkaOut.summary())).isTrue();
            List<String> deadLetters = KafkaTestSupport.committedValues(bootstrap, topics.deadLetters());
            assertThat(deadLetters).hasSize(1).containsExactlyElementsOf(Files.readAllLines(kafkaOut.deadLetters()));
            JsonNode dead = new ObjectMapper().readTree(deadLetters.get(0));
            assertThat(dead.path("source").asText()).isEqualTo("series");
            assertThat(dead.path("partition").asInt()).isEqualTo(1);
            assertThat(dead.path("position").asLong()).isEqualTo(badOffset);
            assertThat(dead.path("record").asText()).isEqualTo("not a point");
            assertThat(KafkaTestSupport.committedValues(bootstrap, topics.modelVersions()))
                    .containsExactlyInAnyOrderElementsOf(Files.readAllLines(kafkaOut.versions())).isNotEmpty();
            assertThat(KafkaTestSupport.committedValues(bootstrap, topics.metrics()))
                    .containsExactlyElementsOf(Files.readAllLines(kafkaOut.metrics())).isNotEmpty();
        }
    }

    private static ReservoirJobConfig config() {
        ForecasterConfig forecaster = new ForecasterConfig(EsnSpec.defaults().withUnits(30), RlsConfig.defaults(),
                FeatureLayout.defaults(), 3, 50, 10, true, 0, 1e-6);
        return new ReservoirJobConfig(forecaster, new int[] {1, 3}, SeriesCodecSpec.jsonLines(), 3000, 100, 60_000,
                0, 1000, 64L << 20, 0, 1);
    }

    private static RuntimeSettings runtime(Path state) {
        return new RuntimeSettings(state, Duration.ofMillis(300), null, 0);
    }
}
