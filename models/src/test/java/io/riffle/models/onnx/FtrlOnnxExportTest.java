package io.riffle.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.riffle.models.ctr.CtrTrainer;
import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.ctr.LinearModelUpdate;
import io.riffle.models.ctr.LinearScorer;
import io.riffle.models.event.Example;
import io.riffle.models.event.HashedImpression;
import io.riffle.models.event.Impression;
import io.riffle.models.event.LabelSource;
import io.riffle.models.event.Labels;
import io.riffle.models.features.FeatureHasher;
import io.riffle.models.features.FeatureSpace;
import io.riffle.models.features.FieldCross;
import io.riffle.models.io.FtrlModelFile;
import io.riffle.models.scoring.BatchScorer;
import io.riffle.models.sim.ClickSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An exported FTRL model scores in ONNX Runtime as Riffle's own scorer does. */
class FtrlOnnxExportTest {
    private static final FeatureSpace SPACE = new FeatureSpace(14, List.of(new FieldCross("site", "ad")), 3);

    @TempDir
    Path dir;

    /** Impressions from the click simulator, hashed, labels inline. */
    static List<HashedImpression> stream(int n) {
        FeatureHasher hasher = new FeatureHasher(SPACE);
        List<HashedImpression> out = new ArrayList<>();
        long seq = 0;
        for (ClickSimulator.Event e : new ClickSimulator(5, 100, 1000).generate(n, 0)) {
            if (e.impression()) {
                out.add(hasher.hash(new Impression(e.id(), e.time(), seq++, e.fields(), e.values(),
                        new String[] {"bid"}, new double[] {e.bid()}, e.label())));
            }
        }
        return out;
    }

    static CtrTrainer trained(List<HashedImpression> events) {
        CtrTrainer trainer = new CtrTrainer("ctr", FtrlParams.defaults(), SPACE, 100);
        for (HashedImpression h : events) {
            trainer.learn(Example.of(h, h.time(), h.label(), LabelSource.ROW));
        }
        trainer.publishDelta(events.get(events.size() - 1).time());
        return trainer;
    }

    /** Scores with the exported model through ONNX Runtime: padded [batch, width] indices and values. */
    static double[] ortScores(byte[] onnx, List<HashedImpression> events, int bits) throws Exception {
        OrtEnvironment env = OnnxSessions.environment();
        int width = events.stream().mapToInt(e -> e.hashes().length).max().orElse(1) + 2; // padding is harmless
        long[][] idx = new long[events.size()][width];
        float[][] val = new float[events.size()][width];
        for (int r = 0; r < events.size(); r++) {
            HashedImpression e = events.get(r);
            for (int k = 0; k < e.hashes().length; k++) {
                idx[r][k] = e.hashes()[k] & ((1 << bits) - 1);
                val[r][k] = e.values()[k];
            }
        }
        try (OrtSession s = OnnxSessions.open(onnx, Device.CPU, 1).session();
             OnnxTensor i = OnnxTensor.createTensor(env, idx);
             OnnxTensor v = OnnxTensor.createTensor(env, val);
             OrtSession.Result r = s.run(Map.of(FtrlOnnxExport.INDICES, i, FtrlOnnxExport.VALUES, v))) {
            float[] out = (float[]) r.get(0).getValue();
            double[] d = new double[out.length];
            for (int k = 0; k < out.length; k++) {
                d[k] = out[k];
            }
            return d;
        }
    }

    @Test
    void anExportedModelScoresInOnnxRuntimeAsInRiffle() throws Exception {
        List<HashedImpression> events = stream(6000);
        CtrTrainer trainer = trained(events.subList(0, 5000));
        byte[] onnx = FtrlOnnxExport.export(trainer, 123);
        LinearScorer riffle = new LinearScorer(SPACE.bits());
        riffle.apply(trainer.fullSnapshot());
        List<HashedImpression> test = events.subList(5000, events.size());
        double[] ort = ortScores(onnx, test, SPACE.bits());
        for (int k = 0; k < test.size(); k++) {
            HashedImpression e = test.get(k);
            assertThat(ort[k]).isCloseTo(riffle.score(e), within(1e-6));
            assertThat(ort[k]).isCloseTo(trainer.learner().predict(e.hashes(), e.values(), e.hashes().length),
                    within(1e-6));
        }
        OnnxInitializers read = OnnxInitializers.read(onnx);
        assertThat(read.metadata()).containsEntry("riffle.kind", "ftrl-lr").containsEntry("riffle.bits", "14")
                .containsEntry("riffle.hash-seed", "3").containsEntry("riffle.crosses", "site:ad")
                .containsEntry("riffle.version", "1").containsEntry("riffle.as-of", "123");
        float[] w = read.floats(FtrlOnnxExport.WEIGHTS, 1 << 14);
        assertThat(w).containsExactly(trainer.learner().weights());
    }

    @Test
    void aModelFileExportsToAnOnnxFile() throws Exception {
        CtrTrainer trainer = trained(stream(2000));
        Path model = dir.resolve("model.riffle");
        FtrlModelFile.write(trainer, 77, model);
        Path onnx = dir.resolve("out/model.onnx");
        FtrlOnnxExport.export(model, onnx);
        assertThat(Files.readAllBytes(onnx)).isEqualTo(FtrlOnnxExport.export(
                FtrlModelFile.read(model).toTrainer("ctr", 1), 77));
    }

    @Test
    void theLiveGraphTakesTheTrainersVersionsAndScoresAsLinearScorerDoes() throws Exception {
        List<HashedImpression> events = stream(4000);
        CtrTrainer trainer = new CtrTrainer("ctr", FtrlParams.defaults(), SPACE, 100);
        LinearScorer reference = new LinearScorer(SPACE.bits());
        FtrlOnnxSpec spec = new FtrlOnnxSpec(SPACE, Device.CPU, 1, 16);
        byte[] snapshot;
        try (BatchScorer<HashedImpression, LinearModelUpdate> scorer = spec.open(null)) {
            LinearModelUpdate full = trainer.fullSnapshot();
            assertThat(scorer.apply(full)).isTrue();
            reference.apply(full);
            for (int block = 0; block < 3; block++) {
                List<HashedImpression> learn = events.subList(block * 1000, block * 1000 + 1000);
                for (HashedImpression h : learn) {
                    trainer.learn(Example.of(h, h.time(), h.label(), LabelSource.ROW));
                }
                LinearModelUpdate delta = trainer.publishDelta(block);
                assertThat(scorer.apply(delta)).isTrue();
                assertThat(scorer.apply(delta)).as("an old version is ignored").isFalse();
                reference.apply(delta);
                List<HashedImpression> test = events.subList(3000, 3100);
                double[] scores = new double[test.size()];
                scorer.score(test, 0, test.size(), scores, 0);
                for (int k = 0; k < test.size(); k++) {
                    assertThat(scores[k]).isCloseTo(reference.score(test.get(k)), within(1e-6));
                }
            }
            assertThat(scorer.version()).isEqualTo(3);
            snapshot = scorer.snapshot();
        }
        try (BatchScorer<HashedImpression, LinearModelUpdate> restored = spec.open(snapshot)) {
            assertThat(restored.version()).isEqualTo(3);
            double[] one = new double[1];
            restored.score(events, 3500, 1, one, 0);
            assertThat(one[0]).isCloseTo(reference.score(events.get(3500)), within(1e-6));
        }
    }

    @Test
    void unlabelledEventsAreScoredToo() {
        HashedImpression e = new HashedImpression("x", 0, 0, new int[] {FeatureHasher.BIAS_HASH}, new float[] {1f},
                Labels.NONE);
        try (var scorer = new FtrlOnnxSpec(SPACE, Device.CPU, 1, 1).open(null)) {
            double[] s = new double[1];
            scorer.score(List.of(e), 0, 1, s, 0);
            assertThat(s[0]).isEqualTo(0.5);
            assertThat(scorer.version()).isEqualTo(-1);
        }
    }
}
