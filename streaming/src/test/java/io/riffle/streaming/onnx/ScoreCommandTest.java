package io.riffle.streaming.onnx;

import static io.riffle.streaming.cli.RiffleRun.riffle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.riffle.streaming.cli.RiffleRun;
import io.riffle.streaming.runtime.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code riffle score} on the PyTorch-made FinalMLP fixture, end to end on a MiniCluster. */
class ScoreCommandTest {
    /** The fixture, committed beside the script that made it (models' test resources). */
    static final Path FIXTURE = Path.of("..", "models", "src", "test", "resources", "onnx", "finalmlp");

    @TempDir
    Path dir;

    static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JsonFiles.MAPPER.readTree(line));
        }
        return out;
    }

    @Test
    void scoresThePyTorchModelAsPyTorchDidWithDeviceAutoFallingBackToTheCpu() throws Exception {
        Path out = dir.resolve("out");
        RiffleRun run = riffle("score", "--model", FIXTURE.resolve("finalmlp.onnx").toString(),
                "--mapping", FIXTURE.resolve("mapping.json").toString(),
                "--input", FIXTURE.resolve("events.jsonl").toString(), "--out", out.toString(),
                "--device", "auto", "--batch", "64", "--batch-timeout", "2ms");
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> predictions = lines(out.resolve("predictions.jsonl"));
        List<JsonNode> expected = lines(FIXTURE.resolve("expected.jsonl"));
        assertThat(predictions).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(predictions.get(i).get("id").asText()).as("input order").isEqualTo(
                    expected.get(i).get("id").asText());
            assertThat(predictions.get(i).get("score").asDouble()).isCloseTo(expected.get(i).get("score")
                    .asDouble(), within(1e-5));
            assertThat(predictions.get(i).get("modelVersion").asLong()).isEqualTo(1);
        }
        JsonNode summary = JsonFiles.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("predictions").asLong()).isEqualTo(expected.size());
        assertThat(summary.get("labelled").asLong()).isEqualTo(expected.size());
        assertThat(summary.get("auc").asDouble()).isBetween(0.6, 0.95);
        assertThat(summary.get("device").asText()).isEqualTo("CPU");
        assertThat(summary.get("deviceFallback").asText()).contains("CUDA");
        assertThat(run.out()).contains("AUC");
    }

    @Test
    void aModelWhoseInputsDoNotMatchTheMappingFailsAtStartSayingWhat() throws Exception {
        Path mapping = dir.resolve("bad.json");
        Files.writeString(mapping, """
                {"inputs": [
                  {"tensor": "cat_ids", "categorical": ["site", "app"], "ids": {"hash": 1024}},
                  {"tensor": "bid", "dtype": "float64", "numeric": ["bid"]}
                ]}
                """);
        RiffleRun run = riffle("score", "--model", FIXTURE.resolve("finalmlp.onnx").toString(), "--mapping",
                mapping.toString(), "--input", FIXTURE.resolve("events.jsonl").toString(), "--out",
                dir.resolve("out").toString(), "--device", "cpu");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("the ONNX model does not match the mapping")
                .contains("input 'cat_ids': dimension 1 is 7 in the model but the mapping gives 2")
                .contains("input 'bid': the model wants float32, the mapping gives float64");
        assertThat(dir.resolve("out/predictions.jsonl")).doesNotExist();
    }
}
