package io.riffle.tests.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.connectors.codec.EventTimes;
import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.graph.EdgeCodecSpec;
import io.riffle.connectors.graph.EdgeFormat;
import io.riffle.connectors.kafka.EmbeddedKafka;
import io.riffle.connectors.kafka.EventTimeSource;
import io.riffle.connectors.kafka.KafkaInput;
import io.riffle.connectors.kafka.KafkaOutput;
import io.riffle.connectors.kafka.KafkaStart;
import io.riffle.connectors.kafka.KafkaStop;
import io.riffle.models.graph.EvaluationConfig;
import io.riffle.models.graph.TgnConfig;
import io.riffle.streaming.graph.GraphInput;
import io.riffle.streaming.graph.GraphJobConfig;
import io.riffle.streaming.graph.GraphKafkaRun;
import io.riffle.streaming.graph.GraphOutputs;
import io.riffle.streaming.graph.GraphRun;
import io.riffle.streaming.graph.GraphSummary;
import io.riffle.streaming.kafka.KafkaJobSettings;
import io.riffle.streaming.kafka.OutputTopics;
import io.riffle.streaming.cli.Riffle;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An edge stream in SNAP format, partly out of time order, loaded into a topic of three partitions
 * ({@code riffle kafka load --family graph}: converted to JSON lines, keyed by source node, sent in time order) and
 * learned from by the graph job through the in-process broker: exactly one prediction per interaction in the predictions topic as a read_committed consumer sees it, none lost or duplicated,
 * each the same (scores, baselines, model step) as the file replay of the same file; and the model versions topic
 * has one record per metrics line.
 */
class GraphKafkaITCase {
    private static final int INTERACTIONS = 300;
    private static final long START_SECONDS = 1_082_000_000L;

    @TempDir
    Path dir;

    @Test
    void everyInteractionIsPredictedOnceAndAsTheFileReplayPredictsIt() throws Exception {
        Path edges = dir.resolve("edges.txt");
        List<String> lines = snapLines(INTERACTIONS, 3);
        java.util.Collections.reverse(lines.subList(100, 160));
        Files.write(edges, lines);
        GraphJobConfig fileConfig = config(EdgeFormat.SNAP);

        GraphOutputs fileOut = new GraphOutputs(dir.resolve("file-out"));
        GraphRun.run(new GraphRun.Request(fileConfig, GraphInput.of(edges, fileConfig.codec(),
                GraphInput.Sort.AUTO, 1 << 20), 1 << 20, fileOut, runtime(dir.resolve("file-state"))), null);
        List<String> filePredictions = Files.readAllLines(fileOut.predictions());
        assertThat(filePredictions).hasSize(INTERACTIONS);

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            String bootstrap = kafka.bootstrapServers();
            StringWriter loadOut = new StringWriter();
            CommandLine riffle = Riffle.commandLine();
            riffle.setOut(new PrintWriter(loadOut, true));
            assertThat(riffle.execute("kafka", "load", "--family", "graph", "--format", "snap", "--bootstrap-servers",
                    bootstrap, "--topic", "interactions", "--partitions", "3", "--input", edges.toString()))
                    .as("%s", loadOut).isZero();
            assertThat(loadOut.toString()).contains("not in time order")
                    .contains(String.format("%,d interactions", INTERACTIONS));

            KafkaInput input = new KafkaInput(bootstrap, List.of("interactions"), 0, "riffle-test-graph",
                    KafkaStart.EARLIEST, KafkaStop.END, EventTimeSource.FIELD, "time",
                    LineFileSource.DEFAULT_MAX_RECORD_BYTES, Map.of(), EventTimes.INSTANTS);
            OutputTopics topics = OutputTopics.of("graph");
            KafkaJobSettings settings = new KafkaJobSettings(input, topics,
                    new KafkaOutput(bootstrap, "riffle-test-graph", Duration.ofMinutes(5), Map.of()),
                    Duration.ofSeconds(10), Duration.ofSeconds(30));
            GraphOutputs kafkaOut = new GraphOutputs(dir.resolve("kafka-out"));
            GraphSummary summary = GraphKafkaRun.run(new GraphKafkaRun.Request(config(EdgeFormat.JSONL), settings,
                    kafkaOut, runtime(dir.resolve("kafka-state")), null), null);

            List<String> kafkaPredictions = KafkaTestSupport.committedValues(bootstrap, topics.predictions());
            assertThat(summary.interactions()).isEqualTo(INTERACTIONS);
            assertThat(kafkaPredictions).hasSize(INTERACTIONS).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(filePredictions);
            assertThat(KafkaTestSupport.committedValues(bootstrap, topics.deadLetters())).isEmpty();
            List<String> metrics = Files.readAllLines(kafkaOut.metrics());
            assertThat(metrics).isNotEmpty().containsExactlyElementsOf(Files.readAllLines(fileOut.metrics()));
            assertThat(KafkaTestSupport.committedValues(bootstrap, topics.metrics()))
                    .containsExactlyElementsOf(metrics);
            assertThat(KafkaTestSupport.committedValues(bootstrap, topics.modelVersions())).hasSameSizeAs(metrics)
                    .allSatisfy(v -> assertThat(v).startsWith("{\"model\":\"g\",\"version\":"));
            assertThat(Files.exists(kafkaOut.model())).isTrue();
            assertThat(Files.exists(kafkaOut.summary())).isTrue();
        }
    }

    /** {@code n} SNAP lines ({@code src dst seconds}) among 40 nodes, one second apart, no self-loops, seeded. */
    private static List<String> snapLines(int n, long seed) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int src = random.nextInt(40);
            int dst = (src + 1 + random.nextInt(39)) % 40;
            lines.add(src + " " + dst + " " + (START_SECONDS + i));
        }
        return lines;
    }

    /** A small model (d = 16), MRR against 5 negatives, batches of 4, metrics every minute of event time. */
    private static GraphJobConfig config(EdgeFormat format) {
        TgnConfig model = TgnConfig.defaults().withDimensions(16, 16, 16)
                .withEvaluation(new EvaluationConfig(true, 5, 0.5));
        return new GraphJobConfig("g", model, EdgeCodecSpec.of(format), 4, 60_000, 60_000L, 1000, 1000, 0, 1, null,
                64);
    }

    private static RuntimeSettings runtime(Path state) {
        return new RuntimeSettings(state, Duration.ofMillis(300), null, 0);
    }
}
