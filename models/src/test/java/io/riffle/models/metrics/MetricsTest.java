package io.riffle.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void exactAucCountsTiesAsHalf() {
        assertThat(RankingMetrics.auc(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1})).isEqualTo(0.75);
        assertThat(RankingMetrics.auc(new double[] {0.5, 0.5}, new int[] {0, 1})).isEqualTo(0.5);
        assertThat(RankingMetrics.auc(new double[] {0.5}, new int[] {1})).isNaN();
    }

    @Test
    void averagePrecisionMatchesScikitLearnsExample() {
        // sklearn.metrics.average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.8333...
        assertThat(RankingMetrics.averagePrecision(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}))
                .isCloseTo(0.8333333, within(1e-6));
    }

    @Test
    void streamingAucIsCloseToExactOnRandomScores() {
        Random random = new Random(5);
        int n = 20000;
        double[] scores = new double[n];
        int[] labels = new int[n];
        StreamingAuc auc = new StreamingAuc();
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextDouble() < 0.1 ? 1 : 0;
            scores[i] = 1 / (1 + Math.exp(-(random.nextGaussian() + labels[i] - 2.5)));
            auc.add(scores[i], labels[i]);
        }
        assertThat(auc.value()).isCloseTo(RankingMetrics.auc(scores, labels), within(5e-4));
    }

    @Test
    void slidingWindowForgetsOldExamples() {
        ProgressiveMetrics m = new ProgressiveMetrics(2);
        m.add(0.9, 0);
        m.add(0.9, 1);
        m.add(0.1, 0);
        assertThat(m.count()).isEqualTo(3);
        assertThat(m.windowLogLoss()).isCloseTo((-Math.log(0.9) - Math.log(0.9)) / 2, within(1e-12));
        assertThat(m.windowAuc()).isEqualTo(1.0);
        assertThat(m.auc()).isEqualTo(0.75);
    }

    @Test
    void baselinePredictsTheRunningRateBeforeEachLabel() {
        ProgressiveMetrics m = new ProgressiveMetrics(10);
        m.add(0.5, 1);
        m.add(0.5, 0);
        // baseline predicted 0.5 (0.5/1) then 0.75 (1.5/2)
        assertThat(m.baselineLogLoss()).isCloseTo((-Math.log(0.5) - Math.log(0.25)) / 2, within(1e-12));
        assertThat(m.entropyLogLoss()).isCloseTo(Math.log(2), within(1e-12));
    }

    @Test
    void progressiveMetricsRoundTrip() throws Exception {
        ProgressiveMetrics m = new ProgressiveMetrics(7);
        Random random = new Random(6);
        for (int i = 0; i < 30; i++) {
            m.add(random.nextDouble(), random.nextInt(2));
        }
        var bytes = new ByteArrayOutputStream();
        m.write(new DataOutputStream(bytes));
        ProgressiveMetrics back = ProgressiveMetrics.read(new DataInputStream(new ByteArrayInputStream(
                bytes.toByteArray())));
        assertThat(back.logLoss()).isEqualTo(m.logLoss());
        assertThat(back.auc()).isEqualTo(m.auc());
        assertThat(back.windowAuc()).isEqualTo(m.windowAuc());
        assertThat(back.windowLogLoss()).isEqualTo(m.windowLogLoss());
        back.add(0.3, 1);
        m.add(0.3, 1);
        assertThat(back.windowLogLoss()).isEqualTo(m.windowLogLoss());
    }
}
