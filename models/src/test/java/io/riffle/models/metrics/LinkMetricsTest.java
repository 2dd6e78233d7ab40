package io.riffle.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinkMetricsTest {
    @Test
    void reciprocalRankCountsTiesHalfAsTgbDoes() {
        double[] negatives = {0.7, 0.5, 0.2, 0.5};
        // one negative above, two tied: rank 1 + 1 + 0.5·2 = 3
        assertThat(MeanReciprocalRank.rank(0.5, negatives, 4)).isEqualTo(3.0);
        assertThat(MeanReciprocalRank.rank(0.9, negatives, 4)).isEqualTo(1.0);
        assertThat(MeanReciprocalRank.rank(0.9, negatives, 0)).isEqualTo(1.0);
        assertThat(MeanReciprocalRank.rank(Double.NaN, negatives, 4)).isEqualTo(5.0);
        assertThat(MeanReciprocalRank.rank(0.5, new double[] {Double.NaN, 0.1}, 2)).isEqualTo(1.0);
        MeanReciprocalRank mrr = new MeanReciprocalRank();
        assertThat(mrr.value()).isNaN();
        mrr.add(0.5, negatives, 4);
        mrr.add(0.9, negatives, 4);
        assertThat(mrr.value()).isCloseTo((1.0 / 3 + 1) / 2, within(1e-12));
        assertThat(mrr.count()).isEqualTo(2);
    }

    @Test
    void apAndAucOverPositiveNegativePairs() {
        LinkPredictionMetrics m = new LinkPredictionMetrics();
        assertThat(m.averagePrecision()).isNaN();
        m.add(0.9, 0.1);
        m.add(0.8, 0.3);
        assertThat(m.averagePrecision()).isEqualTo(1.0);
        assertThat(m.auc()).isEqualTo(1.0);
        m.add(0.2, 0.85);
        // scores descending: 0.9+ 0.85- 0.8+ 0.3- 0.2+ 0.1-: AP = (1 + 2/3 + 3/5) / 3; AUC: 3 + 2 + 1 = 6 of 9 pairs ordered
        assertThat(m.averagePrecision()).isCloseTo((1 + 2.0 / 3 + 3.0 / 5) / 3, within(1e-12));
        assertThat(m.auc()).isCloseTo(6.0 / 9, within(1e-12));
        assertThat(m.streamingAuc()).isCloseTo(6.0 / 9, within(1e-3));
        assertThat(m.pairs()).isEqualTo(3);
        for (int i = 0; i < 3000; i++) {
            m.add(0.6, 0.4); // grows past the initial buffer
        }
        assertThat(m.pairs()).isEqualTo(3003);
    }
}
