package io.riffle.streaming.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.features.FeatureSpace;
import io.riffle.models.features.FieldCross;
import io.riffle.models.onnx.Device;
import io.riffle.models.onnx.OnnxMapping;
import io.riffle.models.scoring.CascadeWindow;
import io.riffle.operators.ctr.LabelTiming;
import io.riffle.operators.ctr.ScoringMode;
import io.riffle.streaming.ctr.CtrFileJob;
import io.riffle.streaming.ctr.CtrJobConfig;
import io.riffle.streaming.ctr.CtrOutputs;
import io.riffle.streaming.ctr.ScorerSettings;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code riffle run ctr --scorer onnx|cascade}: the batching ONNX operator in the CTR job. */
class CtrOnnxScorerTest {
    static final Path EVENTS = ScoreCommandTest.FIXTURE.resolve("events.jsonl");

    @TempDir
    Path dir;

    static CtrJobConfig config(ScorerSettings scorer) {
        return new CtrJobConfig("ctr", FtrlParams.defaults(), new FeatureSpace(16, List.of(new FieldCross("site",
                "ad")), 0), CtrCodecSpec.of(CtrFormat.JSONL), true, 60_000, -1, 30_000, 100, ScoringMode.EVENT_TIME,
                0, 200, 500, 0, 1, null, scorer, LabelTiming.WINDOW_END);
    }

    List<JsonNode> run(String name, CtrJobConfig config) throws Exception {
        RuntimeSettings runtime = new RuntimeSettings(dir.resolve(name + "-state"), Duration.ofSeconds(1), null, 0);
        StreamExecutionEnvironment env = FlinkSetup.environment(runtime);
        CtrOutputs out = new CtrOutputs(dir.resolve(name));
        CtrFileJob.build(env, config, EVENTS, null, 1 << 20, out);
        env.execute(name);
        return ScoreCommandTest.lines(out.predictions());
    }

    static ScorerSettings onnx(ScorerSettings.Kind kind, boolean imported, CascadeWindow window) {
        return new ScorerSettings(kind,
                imported ? ScoreCommandTest.FIXTURE.resolve("finalmlp.onnx").toAbsolutePath().toString() : null,
                imported ? OnnxMapping.read(ScoreCommandTest.FIXTURE.resolve("mapping.json")) : null, Device.CPU, 1,
                32, 5, window);
    }

    @Test
    void theTrainersModelScoredByOnnxRuntimeGivesTheFtrlScorersPredictions() throws Exception {
        List<JsonNode> ftrl = run("ftrl", config(ScorerSettings.ftrl()));
        List<JsonNode> onnx = run("onnx", config(onnx(ScorerSettings.Kind.ONNX, false, null)));
        assertThat(onnx).hasSize(1002).hasSameSizeAs(ftrl);
        assertThat(ftrl.get(ftrl.size() - 1).get("modelVersion").asLong()).isGreaterThan(2);
        for (int i = 0; i < ftrl.size(); i++) {
            assertThat(onnx.get(i).get("id")).isEqualTo(ftrl.get(i).get("id"));
            assertThat(onnx.get(i).get("modelVersion")).isEqualTo(ftrl.get(i).get("modelVersion"));
            assertThat(onnx.get(i).get("score").asDouble()).isCloseTo(ftrl.get(i).get("score").asDouble(),
                    within(1e-6));
        }
    }

    @Test
    void anImportedModelAndACascadeScoreEveryImpression() throws Exception {
        Map<String, Double> pytorch = new HashMap<>();
        for (JsonNode n : ScoreCommandTest.lines(ScoreCommandTest.FIXTURE.resolve("expected.jsonl"))) {
            pytorch.put(n.get("id").asText(), n.get("score").asDouble());
        }
        List<JsonNode> imported = run("imported", config(onnx(ScorerSettings.Kind.ONNX, true, null)));
        assertThat(imported).hasSize(1002);
        for (JsonNode p : imported) {
            assertThat(p.get("score").asDouble()).isCloseTo(pytorch.get(p.get("id").asText()), within(1e-5));
        }
        List<JsonNode> cascade = run("cascade", config(onnx(ScorerSettings.Kind.CASCADE, true,
                new CascadeWindow(0.1, 0.04))));
        assertThat(cascade).hasSize(1002);
        long sentOn = cascade.stream().filter(p -> Math.abs(p.get("score").asDouble()
                - pytorch.get(p.get("id").asText())) < 1e-5).count();
        assertThat(sentOn).as("some, not all, events reach the expensive model").isBetween(1L, 1001L);
    }
}
