package io.riffle.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.riffle.models.ctr.deep.FinalMlp;
import io.riffle.models.event.Impression;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A model made by PyTorch scores in Riffle as it does in PyTorch; mismatched mappings fail at load. */
class OnnxScorerTest {
    private static final List<Impression> EVENTS = FinalMlpFixture.events();
    private static final List<FinalMlpFixture.Expected> EXPECTED = FinalMlpFixture.expected();

    @Test
    void scoresEqualPyTorchsToOneInTenThousandthOfAThousandth() {
        assertThat(EVENTS).hasSize(EXPECTED.size()).hasSizeGreaterThan(1000);
        try (OnnxScorer scorer = OnnxScorer.open(FinalMlpFixture.model(), FinalMlpFixture.mapping(), Device.CPU,
                1, 64)) {
            double[] scores = new double[EVENTS.size()];
            // Uneven batches, larger than the buffers at first: the buffers grow and are reused.
            int[] sizes = {1, 7, 64, 300, 1};
            int from = 0;
            for (int k = 0; from < EVENTS.size(); k++) {
                int n = Math.min(sizes[k % sizes.length], EVENTS.size() - from);
                scorer.score(EVENTS, from, n, scores, from);
                from += n;
            }
            for (int i = 0; i < EVENTS.size(); i++) {
                assertThat(EVENTS.get(i).id()).isEqualTo(EXPECTED.get(i).id());
                assertThat(scores[i]).as(EXPECTED.get(i).id()).isCloseTo(EXPECTED.get(i).score(), within(1e-5));
            }
            assertThat(scorer.provider()).isEqualTo("CPU");
            assertThat(scorer.modelVersion()).isEqualTo(1);
            assertThat(scorer.metadata()).containsEntry("riffle.arch", "finalmlp");
        }
    }

    @Test
    void hashedIdsEqualThePythonPortOfRifflesHash() {
        try (OnnxScorer scorer = OnnxScorer.open(FinalMlpFixture.model(), FinalMlpFixture.mapping(), Device.CPU,
                1, EVENTS.size())) {
            scorer.featurize(EVENTS, 0, EVENTS.size());
            long[] ids = scorer.idsOf("cat_ids", EVENTS.size());
            for (int i = 0; i < EVENTS.size(); i++) {
                long[] row = Arrays.copyOfRange(ids, i * 7, i * 7 + 7);
                assertThat(row).as(EXPECTED.get(i).id()).containsExactly(EXPECTED.get(i).ids());
            }
            float[] bid = scorer.valuesOf("bid", EVENTS.size());
            int missing = EVENTS.size() - 2;
            assertThat(EVENTS.get(missing).id()).isEqualTo("missing-os-and-bid");
            assertThat(ids[missing * 7 + 4]).as("missing field gets missingId").isZero();
            assertThat(bid[missing]).isZero();
        }
    }

    @Test
    void javaForwardPassEqualsPyTorch() {
        FinalMlp mlp = FinalMlp.fromOnnx(FinalMlpFixture.model());
        try (OnnxScorer scorer = OnnxScorer.open(FinalMlpFixture.model(), FinalMlpFixture.mapping(), Device.CPU,
                1, EVENTS.size())) {
            int n = EVENTS.size();
            scorer.featurize(EVENTS, 0, n);
            double[] javaScores = new double[n];
            mlp.forward(scorer.idsOf("cat_ids", n), scorer.valuesOf("bid", n), n, javaScores);
            double[] ort = new double[n];
            scorer.run(n, ort, 0);
            for (int i = 0; i < n; i++) {
                assertThat(javaScores[i]).as(EXPECTED.get(i).id()).isCloseTo(EXPECTED.get(i).score(), within(1e-5));
                assertThat(javaScores[i]).isCloseTo(ort[i], within(1e-5));
            }
            // Batches of one give the same scores as the whole batch.
            double[] one = new double[1];
            long[] ids = scorer.idsOf("cat_ids", n);
            float[] bid = scorer.valuesOf("bid", n);
            for (int i = 0; i < n; i += 97) {
                mlp.forward(Arrays.copyOfRange(ids, i * 7, i * 7 + 7), new float[] {bid[i]}, 1, one);
                assertThat(one[0]).isEqualTo(javaScores[i]);
            }
        }
    }

    @Test
    void inputTensorsShareTheDirectBuffersInsteadOfCopyingThem() throws Exception {
        InputBuffer buffer = new InputBuffer(FinalMlpFixture.mapping().inputs().get(0), 4);
        buffer.put(0, EVENTS.get(0));
        try (ai.onnxruntime.OnnxTensor t = buffer.tensor(OnnxSessions.environment(), 1)) {
            assertThat(t.ownsBuffer()).isFalse();
            assertThat(t.getInfo().getShape()).containsExactly(1, 7);
            assertThat(t.getLongBuffer().get(0)).isEqualTo(EXPECTED.get(0).ids()[0]);
        }
    }

    @Test
    void autoFallsBackToTheCpuWhenCudaIsMissingAndStillScores() {
        org.junit.jupiter.api.Assumptions.assumeFalse(OnnxSessions.cudaBuild() && System.getenv("CUDA_VISIBLE_DEVICES")
                != null, "a CUDA machine: the fallback is not exercised here");
        try (OnnxScorer scorer = OnnxScorer.open(FinalMlpFixture.model(), FinalMlpFixture.mapping(), Device.AUTO,
                1, 8)) {
            assertThat(scorer.provider()).isEqualTo("CPU");
            assertThat(scorer.fallbackReason()).contains("CUDA");
            double[] s = new double[3];
            scorer.score(EVENTS, 0, 3, s, 0);
            assertThat(s[0]).isCloseTo(EXPECTED.get(0).score(), within(1e-5));
        }
    }

    @Test
    void cudaWithoutCudaFailsWithAReason() {
        org.junit.jupiter.api.Assumptions.assumeFalse(OnnxSessions.cudaBuild() && System.getenv("CUDA_VISIBLE_DEVICES")
                != null);
        assertThatThrownBy(() -> OnnxScorer.open(FinalMlpFixture.model(), FinalMlpFixture.mapping(),
                Device.parse("cuda:0"), 1, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--device cuda:0 cannot be used")
                .hasMessageContaining("--device auto or cpu");
    }

    @Test
    void aMappingThatDoesNotMatchTheModelFailsAtOpenNamingEachMismatch() {
        String json = """
                {"inputs": [
                  {"tensor": "cat_ids", "dtype": "int32", "categorical": ["site", "app", "ad"], "ids": {"hash": 10}},
                  {"tensor": "price", "numeric": ["bid"]}
                ], "output": {"tensor": "prob"}}
                """;
        OnnxMapping bad = OnnxMapping.parse(json, null);
        assertThatThrownBy(() -> OnnxScorer.open(FinalMlpFixture.model(), bad, Device.CPU, 1, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input 'cat_ids': the model wants int64, the mapping gives int32")
                .hasMessageContaining("input 'cat_ids': dimension 1 is 7 in the model but the mapping gives 3")
                .hasMessageContaining("the mapping feeds tensor 'price' but the model has no such input")
                .hasMessageContaining("model input 'bid' (float32 [-1, 1]) has no entry in the mapping");
    }

    @Test
    void anUnknownOutputOrANonModelFailsClearly() {
        String json = FinalMlpFixture.mapping().inputs().isEmpty() ? "" : """
                {"inputs": [
                  {"tensor": "cat_ids", "categorical": ["site","app","ad","device","os","hour","position"],
                   "ids": {"hash": 1024}},
                  {"tensor": "bid", "numeric": ["bid"]}
                ], "output": {"tensor": "score"}}
                """;
        assertThatThrownBy(() -> OnnxScorer.open(FinalMlpFixture.model(), OnnxMapping.parse(json, null), Device.CPU,
                1, 8)).hasMessageContaining("output 'score' is not an output of the model (its outputs: [prob])");
        assertThatThrownBy(() -> OnnxScorer.open(new byte[] {1, 2, 3}, FinalMlpFixture.mapping(), Device.CPU, 1, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ONNX Runtime cannot load the model");
    }
}
