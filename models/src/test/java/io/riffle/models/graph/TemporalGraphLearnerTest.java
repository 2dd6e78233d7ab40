package io.riffle.models.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.riffle.models.nn.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemporalGraphLearnerTest {
    /** Small widths keep every test well under a second. */
    static TgnConfig small() {
        return TgnConfig.defaults().withDimensions(8, 6, 8).withEvaluation(EvaluationConfig.withMrr(4))
                .withNegatives(new NegativeSamplingConfig(2, 0.5)).withSeed(7);
    }

    /** A reproducible stream over {@code nodes} nodes with repeated pairs and reciprocity (some structure). */
    static List<Interaction> stream(int n, int nodes, long seed, int edgeDim) {
        Rng rng = new Rng(seed);
        List<Interaction> out = new ArrayList<>();
        long t = 1_000;
        for (int i = 0; i < n; i++) {
            int s = rng.nextInt(nodes);
            int d = (s + 1 + rng.nextInt(nodes - 1) / (1 + rng.nextInt(4))) % nodes;
            if (rng.nextInt(3) == 0) {
                int x = s;
                s = d;
                d = x;
            }
            t += rng.nextInt(50);
            float[] f = new float[edgeDim];
            for (int k = 0; k < edgeDim; k++) {
                f[k] = rng.uniform(1);
            }
            out.add(new Interaction("n" + s, "n" + d, t, f));
        }
        return out;
    }

    static double[] replay(TemporalGraphLearner l, List<Interaction> events, int batch) {
        int k = 2 + l.config().evaluation().mrrNegatives();
        double[] scores = new double[events.size() * k];
        Interaction[] buf = new Interaction[batch];
        LinkScores[] outs = new LinkScores[batch];
        for (int i = 0; i < batch; i++) {
            outs[i] = l.newScores();
        }
        for (int i = 0; i < events.size(); i += batch) {
            int n = Math.min(batch, events.size() - i);
            for (int j = 0; j < n; j++) {
                buf[j] = events.get(i + j);
            }
            l.learnBatch(buf, n, outs);
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < k; c++) {
                    scores[(i + j) * k + c] = outs[j].score(LinkScorer.MODEL, c);
                }
            }
        }
        return scores;
    }

    // ------------------------------------------------------------------ ordering: no label leakage

    @Test
    void scoresEachInteractionWithTheStateFromBeforeIt() {
        var learner = new TemporalGraphLearner(small(), new InMemoryNodeStore());
        LinkScores out = learner.newScores();
        for (Interaction e : stream(300, 12, 1, 0)) {
            double before = learner.predict(e.source(), e.destination(), e.time());
            learner.learn(e, out);
            // Had learn() applied this interaction's own message (or entered it in the node tables) before scoring it,
            // its score would differ from the read-only prediction made just before.
            assertThat(out.probability()).isEqualTo(before);
        }
    }

    @Test
    void storesTheNewMessageWithoutApplyingItAndAppliesTheStoredOneNextTime() {
        TgnConfig cfg = small();
        var store = new InMemoryNodeStore();
        var learner = new TemporalGraphLearner(cfg, store);
        LinkScores out = learner.newScores();
        learner.learn(new Interaction("a", "b", 100), out);
        NodeState a = NodeState.forConfig(cfg);
        store.read("a", a);
        // first interaction: memory untouched (zero), message pending
        assertThat(a.memory()).containsOnly(0f);
        assertThat(a.memoryTime()).isEqualTo(NodeState.NEVER);
        assertThat(a.hasPendingMessage()).isTrue();
        assertThat(a.pendingTime()).isEqualTo(100);

        learner.learn(new Interaction("a", "c", 250), out);
        store.read("a", a);
        // the stored message (time 100) is now applied; the new one (250) is pending
        assertThat(a.memoryTime()).isEqualTo(100);
        assertThat(a.memory()).isNotEqualTo(new float[cfg.memoryDim()]);
        assertThat(a.pendingTime()).isEqualTo(250);
        NodeState b = NodeState.forConfig(cfg);
        store.read("b", b);
        // b was not involved: its message from time 100 is still pending, memory still zero
        assertThat(b.memoryTime()).isEqualTo(NodeState.NEVER);
        assertThat(b.pendingTime()).isEqualTo(100);
        assertThat(b.memory()).containsOnly(0f);
    }

    @Test
    void cannotLearnAnythingFromUnstructuredInteractions() {
        // Uniformly random pairs among nodes that have all been seen: nothing predicts the destination, so a learner
        // that does not peek at the label stays near AP 0.5 (a leaky one would learn to recognise the label).
        TgnConfig cfg = small().withBaselineFeatures(false).withEvaluation(EvaluationConfig.defaults());
        var learner = new TemporalGraphLearner(cfg, new InMemoryNodeStore());
        LinkEvaluation eval = new LinkEvaluation();
        LinkScores out = learner.newScores();
        Rng rng = new Rng(3);
        int nodes = 40;
        for (int i = 0; i < 4000; i++) {
            int s = rng.nextInt(nodes);
            int d = (s + 1 + rng.nextInt(nodes - 1)) % nodes;
            learner.learn(new Interaction("n" + s, "n" + d, 10L * i), out);
            if (i >= 1000) {
                eval.add(out);
            }
        }
        assertThat(eval.averagePrecision(LinkScorer.MODEL)).isBetween(0.42, 0.58);
    }

    // ------------------------------------------------------------------ batch size 1 = sequential algorithm

    @Test
    void batchSizeOneIsExactlyTheSequentialAlgorithm() {
        TgnConfig cfg = small().withEdgeFeatureDim(3);
        List<Interaction> events = stream(400, 15, 2, 3);
        var reference = new SequentialReference(cfg);
        var learner = new TemporalGraphLearner(cfg, new InMemoryNodeStore());
        LinkScores out = learner.newScores();
        for (Interaction e : events) {
            double[] expected = reference.learn(e);
            learner.learnBatch(new Interaction[] {e}, 1, new LinkScores[] {out});
            for (int c = 0; c < expected.length; c++) {
                assertThat(Double.doubleToRawLongBits(out.score(LinkScorer.MODEL, c))).as("candidate %d of %s", c, e)
                        .isEqualTo(Double.doubleToRawLongBits(expected[c]));
            }
        }
        assertThat(learner.parameters().values()).containsExactly(reference.p.values());
        NodeState s = NodeState.forConfig(cfg);
        for (var entry : reference.nodes.entrySet()) {
            learner.store().read(entry.getKey(), s);
            assertThat(s.sameState(entry.getValue())).as(entry.getKey()).isTrue();
        }
    }

    @Test
    void presChangesNothingAtBatchSizeOneButDoesWithLargerBatches() {
        List<Interaction> events = stream(300, 10, 4, 0);
        double[] plain = replay(new TemporalGraphLearner(small(), new InMemoryNodeStore()), events, 1);
        double[] pres = replay(new TemporalGraphLearner(small().withPres(PresConfig.enabled(0.9)),
                new InMemoryNodeStore()), events, 1);
        assertThat(pres).containsExactly(plain);
        double[] plain50 = replay(new TemporalGraphLearner(small(), new InMemoryNodeStore()), events, 50);
        double[] pres50 = replay(new TemporalGraphLearner(small().withPres(PresConfig.enabled(0.9)),
                new InMemoryNodeStore()), events, 50);
        assertThat(pres50).isNotEqualTo(plain50);
    }

    @Test
    void microBatchesAreDeterministicAndDifferFromSequentialOnlyThroughStaleness() {
        List<Interaction> events = stream(300, 10, 5, 0);
        double[] a = replay(new TemporalGraphLearner(small(), new InMemoryNodeStore()), events, 25);
        double[] b = replay(new TemporalGraphLearner(small(), new InMemoryNodeStore()), events, 25);
        assertThat(a).containsExactly(b);
        double[] seq = replay(new TemporalGraphLearner(small(), new InMemoryNodeStore()), events, 1);
        int k = 2 + small().evaluation().mrrNegatives();
        // The first interaction of the stream has nothing stale: identical under both.
        assertThat(a[0]).isEqualTo(seq[0]);
        assertThat(a).isNotEqualTo(seq);
        assertThat(a.length).isEqualTo(300 * k);
    }

    // ------------------------------------------------------------------ snapshot, restore, copy

    @Test
    void restoringNodeStatesParametersAndSamplingContinuesBitForBit() throws Exception {
        TgnConfig cfg = small().withPres(PresConfig.enabled(0.5)).withAttention(AttentionConfig.enabled(3, 4));
        List<Interaction> events = stream(500, 14, 6, 0);
        var store = new InMemoryNodeStore();
        var learner = new TemporalGraphLearner(cfg, store);
        replay(learner, events.subList(0, 300), 7);

        Map<String, byte[]> nodes = store.snapshot();
        byte[] parameters = learner.parameters().toBytes();
        byte[] sampling = learner.samplingBytes();
        var restoredStore = InMemoryNodeStore.restore(nodes, cfg);
        var restored = TemporalGraphLearner.restore(cfg, restoredStore, parameters, sampling);
        assertThat(restored.sameState(learner)).isTrue();
        assertThat(restored.parameters().toBytes()).isEqualTo(parameters);
        assertThat(restoredStore.snapshot()).containsExactlyEntriesOf(store.snapshot());

        double[] uninterrupted = replay(learner, events.subList(300, 500), 7);
        double[] continued = replay(restored, events.subList(300, 500), 7);
        assertThat(continued).containsExactly(uninterrupted);
        assertThat(restored.parameters().toBytes()).isEqualTo(learner.parameters().toBytes());
        assertThat(restoredStore.snapshot()).containsExactlyEntriesOf(store.snapshot());
    }

    @Test
    void serializedStatesGiveExactlyTheScoresOfLiveStates() {
        TgnConfig cfg = small().withAttention(AttentionConfig.enabled(3, 4)).withEdgeFeatureDim(2);
        List<Interaction> events = stream(300, 12, 8, 2);
        var live = new InMemoryNodeStore();
        var bytes = new SerializedNodeStore();
        double[] a = replay(new TemporalGraphLearner(cfg, live), events, 5);
        double[] b = replay(new TemporalGraphLearner(cfg, bytes), events, 5);
        assertThat(b).containsExactly(a);
        live.forEach((id, s) -> assertThat(bytes.get(id)).isEqualTo(NodeStateCodec.encode(s)));
    }

    @Test
    void copyIsEqualAndIndependent() {
        TgnConfig cfg = small();
        List<Interaction> events = stream(200, 10, 9, 0);
        var store = new InMemoryNodeStore();
        var learner = new TemporalGraphLearner(cfg, store);
        replay(learner, events.subList(0, 100), 1);
        var copyStore = store.copy();
        var copy = learner.copy(copyStore);
        assertThat(copy.sameState(learner)).isTrue();
        double[] a = replay(copy, events.subList(100, 200), 1);
        assertThat(copy.sameState(learner)).isFalse();
        assertThat(store.snapshot()).isNotEqualTo(copyStore.snapshot());
        double[] b = replay(learner, events.subList(100, 200), 1);
        assertThat(b).containsExactly(a);
        assertThat(copy.sameState(learner)).isTrue();
    }

    @Test
    void parametersRefuseAnotherShapeWithAMessageSayingWhy() {
        byte[] bytes = TgnParameters.initialize(small()).toBytes();
        assertThatThrownBy(() -> TgnParameters.fromBytes(small().withDimensions(9, 6, 8), bytes))
                .hasMessageContaining("memory.gru").hasMessageContaining("widths differ");
        assertThatThrownBy(() -> TgnParameters.fromBytes(small().withAttention(AttentionConfig.enabled(2, 4)), bytes))
                .hasMessageContaining("blocks");
        byte[] bad = bytes.clone();
        bad[0] = 'X';
        assertThatThrownBy(() -> TgnParameters.fromBytes(small(), bad)).hasMessageContaining("magic");
        assertThatThrownBy(() -> new TemporalGraphLearner(small(), new InMemoryNodeStore(),
                TgnParameters.initialize(small().withSeed(8)))).hasMessageContaining("another config");
    }

    @Test
    void sameSeedSameRunOtherSeedOtherRun() {
        List<Interaction> events = stream(150, 10, 10, 0);
        double[] a = replay(new TemporalGraphLearner(small(), new InMemoryNodeStore()), events, 3);
        double[] b = replay(new TemporalGraphLearner(small(), new InMemoryNodeStore()), events, 3);
        double[] c = replay(new TemporalGraphLearner(small().withSeed(8), new InMemoryNodeStore()), events, 3);
        assertThat(b).containsExactly(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void evaluationDrawsDoNotChangeWhatIsLearned() {
        List<Interaction> events = stream(200, 10, 11, 0);
        var withEval = new TemporalGraphLearner(small(), new InMemoryNodeStore());
        var without = new TemporalGraphLearner(small().withEvaluation(EvaluationConfig.none()),
                new InMemoryNodeStore());
        LinkScores a = withEval.newScores();
        LinkScores b = without.newScores();
        for (Interaction e : events) {
            withEval.learn(e, a);
            without.learn(e, b);
            assertThat(a.probability()).isEqualTo(b.probability());
        }
        assertThat(withEval.parameters().values()).containsExactly(without.parameters().values());
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void refusesNonFiniteFeaturesAndWrongWidthsBeforeChangingAnything() {
        TgnConfig cfg = small().withEdgeFeatureDim(2);
        var store = new InMemoryNodeStore();
        var learner = new TemporalGraphLearner(cfg, store);
        replay(learner, stream(50, 8, 12, 2), 1);
        var nodesBefore = store.snapshot();
        byte[] paramsBefore = learner.parameters().toBytes();
        byte[] samplingBefore = learner.samplingBytes();
        LinkScores out = learner.newScores();
        Interaction good = new Interaction("n1", "n2", 99_999, new float[] {1, 2});
        Interaction nan = new Interaction("n1", "n2", 99_999, new float[] {1, Float.NaN});
        Interaction inf = new Interaction("n1", "n2", 99_999, new float[] {Float.POSITIVE_INFINITY, 0});
        Interaction narrow = new Interaction("n1", "n2", 99_999, new float[] {1});
        assertThatThrownBy(() -> learner.learn(nan, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-finite edge feature at 1");
        assertThatThrownBy(() -> learner.learn(inf, out)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> learner.learn(narrow, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 edge features, this model takes 2");
        assertThatThrownBy(() -> learner.learnBatch(new Interaction[] {good, nan}, 2,
                new LinkScores[] {out, learner.newScores()})).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.snapshot()).containsExactlyEntriesOf(nodesBefore);
        assertThat(learner.parameters().toBytes()).isEqualTo(paramsBefore);
        assertThat(learner.samplingBytes()).isEqualTo(samplingBefore);
        assertThatThrownBy(() -> new Interaction("", "x", 0)).hasMessageContaining("source");
        assertThatThrownBy(() -> learner.learn(good, new LinkScores(0))).hasMessageContaining("MRR negatives");
        assertThatThrownBy(() -> learner.learnBatch(new Interaction[] {null}, 1, new LinkScores[] {out}))
                .hasMessageContaining("null");
    }

    @Test
    void outOfOrderTimesAreClampedNotPropagatedAsNegativeAges() {
        var learner = new TemporalGraphLearner(small(), new InMemoryNodeStore());
        LinkScores out = learner.newScores();
        learner.learn(new Interaction("a", "b", 1000), out);
        learner.learn(new Interaction("a", "b", 900), out);
        learner.learn(new Interaction("a", "b", 800), out);
        assertThat(out.probability()).isBetween(0.0, 1.0);
        assertThat(out.score(LinkScorer.RECENCY, LinkScores.POSITIVE)).isFinite();
    }

    @Test
    void configurationErrorsNameTheParameterAndRange() {
        assertThatThrownBy(() -> TgnConfig.defaults().withDimensions(0, 10, 10))
                .hasMessageContaining("memoryDim").hasMessageContaining("[1, 4096]").hasMessageContaining("got 0");
        assertThatThrownBy(() -> new NegativeSamplingConfig(1, 1.5)).hasMessageContaining("historicalFraction");
        assertThatThrownBy(() -> new PresConfig(true, 2, 10)).hasMessageContaining("gamma");
        assertThatThrownBy(() -> new BaselineConfig(0, 1, 1)).hasMessageContaining("edgeBankWindow");
        assertThatThrownBy(() -> AttentionConfig.enabled(0, 4)).hasMessageContaining("neighbours");
        assertThatThrownBy(() -> new EvaluationConfig(true, -1, 0.5)).hasMessageContaining("mrrNegatives");
    }

    // ------------------------------------------------------------------ learning happens

    @Test
    void learnsARecurringPatternAndBeatsChance() {
        TgnConfig cfg = small().withBaselineFeatures(false).withEvaluation(EvaluationConfig.defaults());
        var learner = new TemporalGraphLearner(cfg, new InMemoryNodeStore());
        LinkEvaluation eval = new LinkEvaluation();
        LinkScores out = learner.newScores();
        Rng rng = new Rng(13);
        // five hubs receive almost every message: only the memories can tell a hub from the other nodes here
        for (int i = 0; i < 3000; i++) {
            int s = 5 + rng.nextInt(35);
            int d = rng.nextInt(10) < 9 ? rng.nextInt(5) : 5 + rng.nextInt(35);
            if (d == s) {
                d = rng.nextInt(5);
            }
            learner.learn(new Interaction("n" + s, "n" + d, 5L * i), out);
            if (i >= 2000) {
                eval.add(out);
            }
        }
        assertThat(eval.averagePrecision(LinkScorer.MODEL)).isGreaterThan(0.8);
        assertThat(learner.lastLoss()).isFinite();
    }

    @Test
    void predictReadsOnly() {
        var store = new InMemoryNodeStore();
        var learner = new TemporalGraphLearner(small(), store);
        replay(learner, stream(100, 8, 14, 0), 1);
        var before = store.snapshot();
        byte[] sampling = learner.samplingBytes();
        double p = learner.predict("n1", "n2", 1_000_000);
        assertThat(p).isBetween(0.0, 1.0);
        assertThat(learner.predict("n1", "never-seen", 1_000_000)).isBetween(0.0, 1.0);
        assertThat(store.snapshot()).containsExactlyEntriesOf(before);
        assertThat(learner.samplingBytes()).isEqualTo(sampling);
        assertThat(learner.predict("n1", "n2", 1_000_000)).isEqualTo(p);
    }

    @Test
    void lossIsTheMeanBinaryCrossEntropyOfTheBatch() {
        // one interaction between new nodes, no negatives possible yet: loss = BCE of the positive alone
        var learner = new TemporalGraphLearner(small(), new InMemoryNodeStore());
        LinkScores out = learner.newScores();
        learner.learn(new Interaction("x", "y", 1), out);
        assertThat(learner.lastLoss()).isCloseTo(-Math.log(out.probability()), within(1e-6));
    }
}
