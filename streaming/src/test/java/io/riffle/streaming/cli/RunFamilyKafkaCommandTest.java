package io.riffle.streaming.cli;

import static io.riffle.streaming.cli.RiffleRun.riffle;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run reservoir|graph --source kafka}: the options {@code run ctr} has, with the family's defaults. */
class RunFamilyKafkaCommandTest {
    @TempDir
    Path dir;

    @Test
    void aDryRunNamesTheFamilysDefaultTopicsWithoutContactingTheCluster() {
        RiffleRun reservoir = riffle("run", "reservoir", "--source", "kafka", "--bootstrap-servers", "localhost:1",
                "--out", dir.resolve("r").toString(), "--dry-run");
        assertThat(reservoir.exit()).as(reservoir.err()).isZero();
        assertThat(reservoir.out()).startsWith("ok: Kafka localhost:1, input riffle.reservoir.series")
                .contains("-> topic riffle.reservoir.predictions");
        RiffleRun graph = riffle("run", "graph", "--source=kafka", "--bootstrap-servers=localhost:1", "--from=earliest",
                "--until=end", "--predictions-topic=p", "--out=" + dir.resolve("g"), "--dry-run");
        assertThat(graph.exit()).as(graph.err()).isZero();
        assertThat(graph.out()).startsWith("ok: Kafka localhost:1, input riffle.graph.interactions")
                .contains("-> topic p");
    }

    @Test
    void boundedRunsOfBothFamiliesResumeFromTheirCheckpoint() throws Exception {
        for (String family : new String[] {"reservoir", "graph"}) {
            Path out = dir.resolve(family);
            Path checkpoint = Files.createDirectories(out.resolve("state/checkpoints/a-job/chk-1"));
            Files.writeString(checkpoint.resolve("_metadata"), "");
            RiffleRun run = riffle("run", family, "--source", "kafka", "--bootstrap-servers", "localhost:1",
                    "--until", "2026-11-01T00:00:00Z", "--out", out.toString(), "--dry-run");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).as(family).contains("would resume from " + checkpoint);
        }
    }

    @Test
    void optionsThatDoNotApplyAreRefusedNamingWhatToDo() {
        assertThat(riffle("run", "graph", "--source", "kafka", "--bootstrap-servers", "h:1", "--format", "snap",
                "--out", dir.toString(), "--dry-run").err()).contains("--format jsonl")
                .contains("kafka load --family graph --format snap");
        assertThat(riffle("run", "reservoir", "--source", "kafka", "--bootstrap-servers", "h:1", "--labels-topic",
                "l", "--out", dir.toString(), "--dry-run").err()).contains("--labels-topic is for run ctr only");
        assertThat(riffle("run", "reservoir", "--source", "kafka", "--out", dir.toString()).err())
                .contains("--bootstrap-servers");
        assertThat(riffle("run", "graph", "--out", dir.toString()).err()).contains("--input");
        assertThat(riffle("run", "reservoir", "--source", "kafka", "--bootstrap-servers", "h:1",
                "--checkpoint-interval", "10s", "--transaction-timeout", "15s", "--out", dir.toString()).err())
                .contains("--transaction-timeout 15 s is too short for --checkpoint-interval 10 s");
    }

    @Test
    void kafkaLoadRefusesAnUnknownFamilyOrAFormatOfAnotherFamily() {
        Path input = dir.resolve("in.txt");
        assertThat(riffle("kafka", "load", "--family", "audio", "--bootstrap-servers", "h:1", "--topic", "t",
                "--input", writeLine(input)).err()).contains("unknown --family 'audio'");
        assertThat(riffle("kafka", "load", "--family", "graph", "--format", "criteo", "--bootstrap-servers", "h:1",
                "--topic", "t", "--input", writeLine(input)).err()).contains("jsonl, jodie, snap");
    }

    private static String writeLine(Path file) {
        try {
            java.nio.file.Files.writeString(file, "1 2 3\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file.toString();
    }
}
