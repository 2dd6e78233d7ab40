package io.riffle.models.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrequentialLinkMetricsTest {
    private static List<LinkScores> scoresOf(int n) {
        TgnConfig config = TemporalGraphLearnerTest.small();
        TemporalGraphLearner learner = new TemporalGraphLearner(config, new InMemoryNodeStore());
        List<LinkScores> out = new ArrayList<>();
        for (Interaction e : TemporalGraphLearnerTest.stream(n, 40, 11, 0)) {
            LinkScores s = learner.newScores();
            learner.learn(e, s);
            out.add(s);
        }
        return out;
    }

    @Test
    void equalsTheReferenceEvaluationBitForBitAtEveryPoint() {
        PrequentialLinkMetrics metrics = new PrequentialLinkMetrics();
        LinkEvaluation reference = new LinkEvaluation();
        int i = 0;
        for (LinkScores s : scoresOf(900)) {
            metrics.add(s);
            reference.add(s);
            if (++i % 97 == 0 || i == 900) {
                for (int j = 0; j < PrequentialLinkMetrics.SCORERS.length; j++) {
                    LinkScorer scorer = PrequentialLinkMetrics.SCORERS[j];
                    assertThat(metrics.averagePrecision(j)).as("AP %s at %d", scorer, i)
                            .isEqualTo(reference.averagePrecision(scorer));
                    assertThat(metrics.auc(j)).as("AUC %s at %d", scorer, i).isEqualTo(reference.auc(scorer));
                    assertThat(metrics.mrr(j)).as("MRR %s at %d", scorer, i).isEqualTo(reference.mrr(scorer));
                }
            }
        }
        assertThat(metrics.pairs()).isEqualTo(reference.apPairs());
        assertThat(metrics.mrrQueries()).isEqualTo(reference.mrrQueries());
    }

    @Test
    void handComputedTiesCountHalf() {
        // positives 0.9, 0.5, 0.5; negatives 0.5, 0.1, 0.1: AUC = (3 + 3 + ... ) by pairs
        PrequentialLinkMetrics m = new PrequentialLinkMetrics();
        double[][] pairs = {{0.9, 0.5}, {0.5, 0.1}, {0.5, 0.1}};
        for (double[] p : pairs) {
            m.add(scores(p[0], p[1]));
        }
        // pairs (pos > neg) + 0.5 ties: 0.9 beats all 3; each 0.5 beats two 0.1 and ties one 0.5 → 2.5 each
        assertThat(m.auc(0)).isEqualTo((3 + 2.5 + 2.5) / 9);
        // descending: 0.9 (1 pos, seen 1) → 1/3 · 1; 0.5 (2 pos, 1 neg, seen 4, tp 3) → 2/3 · 3/4
        assertThat(m.averagePrecision(0)).isEqualTo(1.0 / 3 + (2.0 / 3) * (3.0 / 4));
    }

    private static LinkScores scores(double positive, double negative) {
        LinkScores s = new LinkScores(0);
        s.reset(new Interaction("a", "b", 1));
        s.setApNegative("c");
        for (LinkScorer scorer : LinkScorer.values()) {
            s.table()[scorer.ordinal()][LinkScores.POSITIVE] = positive;
            s.table()[scorer.ordinal()][LinkScores.AP_NEGATIVE] = negative;
        }
        return s;
    }

    @Test
    void chunksWrittenAsTheyFillRestoreTheSameMetrics() throws Exception {
        List<LinkScores> all = scoresOf(2600);
        PrequentialLinkMetrics m = new PrequentialLinkMetrics();
        List<byte[]> chunks = new ArrayList<>();
        int written = 0;
        for (int i = 0; i < all.size(); i++) {
            m.add(all.get(i));
            if (i % 700 == 699 || i == 1500) {
                int[] dirty = m.drainDirtyChunks();
                assertThat(dirty.length).isLessThanOrEqualTo(2);
                for (int c : dirty) {
                    while (chunks.size() <= c) {
                        chunks.add(null);
                    }
                    chunks.set(c, m.encodeChunk(c));
                    written++;
                }
            }
        }
        for (int c : m.drainDirtyChunks()) {
            while (chunks.size() <= c) {
                chunks.add(null);
            }
            chunks.set(c, m.encodeChunk(c));
        }
        assertThat(m.drainDirtyChunks()).hasSizeLessThanOrEqualTo(1);
        PrequentialLinkMetrics restored = PrequentialLinkMetrics.restore(m.metaBytes(),
                chunks.toArray(new byte[0][]));
        for (int j = 0; j < PrequentialLinkMetrics.SCORERS.length; j++) {
            assertThat(restored.averagePrecision(j)).isEqualTo(m.averagePrecision(j));
            assertThat(restored.auc(j)).isEqualTo(m.auc(j));
            assertThat(restored.mrr(j)).isEqualTo(m.mrr(j));
        }
        assertThat(written).isLessThan(10);
        assertThatThrownBy(() -> PrequentialLinkMetrics.restore(m.metaBytes(), new byte[1][]))
                .hasMessageContaining("chunks");
    }

    @Test
    void emptyMetricsAreNaN() {
        PrequentialLinkMetrics m = new PrequentialLinkMetrics();
        assertThat(m.averagePrecision(0)).isNaN();
        assertThat(m.auc(1)).isNaN();
        assertThat(m.mrr(2)).isNaN();
        assertThat(m.drainDirtyChunks()).isEmpty();
    }
}
