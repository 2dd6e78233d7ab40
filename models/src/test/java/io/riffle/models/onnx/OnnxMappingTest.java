package io.riffle.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxMappingTest {
    @TempDir
    Path dir;

    @Test
    void parsesTheFixtureMapping() {
        OnnxMapping m = FinalMlpFixture.mapping();
        assertThat(m.inputs()).hasSize(2);
        InputMapping ids = m.inputs().get(0);
        assertThat(ids.kind()).isEqualTo(InputMapping.Kind.HASH);
        assertThat(ids.hashBuckets()).isEqualTo(1024);
        assertThat(ids.shape()).containsExactly(-1, 7);
        assertThat(m.inputs().get(1).dtype()).isEqualTo(TensorType.FLOAT32);
        assertThat(m.outputTensor()).isEqualTo("prob");
        assertThat(m.outputIsLogit()).isFalse();
    }

    @Test
    void readsAVocabularyBesideTheMapping() throws Exception {
        Files.writeString(dir.resolve("vocab.json"), "{\"site\": {\"s1\": 5, \"s2\": 6}, \"ad\": [\"x\", \"y\"]}");
        Files.writeString(dir.resolve("m.json"), """
                {"inputs": [{"tensor": "ids", "categorical": ["site", "ad"], "ids": {"vocabulary": "vocab.json"},
                             "missingId": 9}],
                 "output": {"tensor": "logit", "kind": "logit"}}
                """);
        OnnxMapping m = OnnxMapping.read(dir.resolve("m.json"));
        assertThat(m.inputs().get(0).vocabulary()).isEqualTo(Map.of("site", Map.of("s1", 5L, "s2", 6L),
                "ad", Map.of("x", 0L, "y", 1L)));
        assertThat(m.outputIsLogit()).isTrue();
    }

    @Test
    void badMappingsAreRejectedWithWhatToFix() {
        assertThatThrownBy(() -> OnnxMapping.parse("{\"inputs\": []}", null))
                .hasMessageContaining("\"inputs\" must be a non-empty array");
        assertThatThrownBy(() -> OnnxMapping.parse("{\"inputs\": [{\"tensor\": \"x\", \"categorical\": [\"a\"],"
                + " \"ids\": {\"hash\": 8}, \"colour\": 1}]}", null))
                .hasMessageContaining("unknown key \"colour\" in inputs[0]");
        assertThatThrownBy(() -> OnnxMapping.parse("{\"inputs\": [{\"tensor\": \"x\", \"categorical\": [\"a\"]}]}",
                null)).hasMessageContaining("needs \"ids\"");
        assertThatThrownBy(() -> OnnxMapping.parse("{\"inputs\": [{\"tensor\": \"x\", \"numeric\": [\"a\"],"
                + " \"dtype\": \"int64\"}]}", null)).hasMessageContaining("numeric fields need float32 or float64");
        assertThatThrownBy(() -> OnnxMapping.parse("{\"inputs\": [{\"tensor\": \"x\", \"numeric\": [\"a\", \"b\"],"
                + " \"shape\": [-1, 3]}]}", null)).hasMessageContaining("lists 2 fields");
        assertThatThrownBy(() -> OnnxMapping.parse("{\"inputs\": [{\"tensor\": \"x\", \"numeric\": [\"a\"]},"
                + " {\"tensor\": \"x\", \"numeric\": [\"b\"]}]}", null)).hasMessageContaining("twice");
        assertThatThrownBy(() -> OnnxMapping.parse("{\"format\": 2, \"inputs\": []}", null))
                .hasMessageContaining("format 2");
    }

    @Test
    void checkFlagsAFixedBatchDimension() {
        OnnxMapping m = OnnxMapping.parse("{\"inputs\": [{\"tensor\": \"x\", \"numeric\": [\"a\", \"b\"]}]}", null);
        ModelSignature fixed = new ModelSignature(
                Map.of("x", new ModelSignature.Tensor(TensorType.FLOAT32, "float32", new long[] {1, 2})),
                Map.of("y", new ModelSignature.Tensor(TensorType.FLOAT32, "float32", new long[] {1, 1})));
        assertThatThrownBy(() -> m.check(fixed)).hasMessageContaining("fixes the batch dimension to 1")
                .hasMessageContaining("dynamic_axes");
        ModelSignature ok = new ModelSignature(
                Map.of("x", new ModelSignature.Tensor(TensorType.FLOAT32, "float32", new long[] {-1, 2})),
                Map.of("y", new ModelSignature.Tensor(TensorType.FLOAT32, "float32", new long[] {-1})));
        assertThat(m.check(ok)).isEqualTo("y");
    }
}
