package io.riffle.models.ctr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.riffle.models.features.FeatureSpace;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FtrlLogisticRegressionTest {
    private static final FeatureSpace SPACE = new FeatureSpace(12, List.of(), 0);

    @Test
    void firstTwoUpdatesMatchHandComputedFtrlSteps() {
        var ftrl = new FtrlLogisticRegression(new FtrlParams(0.5, 1.0, 0.0, 0.0), SPACE);
        int[] h = {7};
        float[] x = {1f};
        // z = n = 0 so w = 0 and p = 0.5; g = -0.5; n = 0.25; sigma = (0.5 - 0) / 0.5 = 1; z = -0.5 - 1 * 0 = -0.5
        assertThat(ftrl.learn(h, x, 1, 1)).isEqualTo(0.5);
        assertThat(ftrl.z(7)).isEqualTo(-0.5f);
        assertThat(ftrl.n(7)).isEqualTo(0.25f);
        // w = 0.5 / ((1 + sqrt(0.25)) / 0.5) = 1/6
        assertThat(ftrl.weight(7)).isCloseTo(1f / 6f, within(1e-7f));
        assertThat(ftrl.predict(h, x, 1)).isCloseTo(1 / (1 + Math.exp(-1.0 / 6)), within(1e-9));
    }

    @Test
    void l1KeepsSmallCoordinatesAtExactlyZero() {
        var ftrl = new FtrlLogisticRegression(new FtrlParams(0.5, 1.0, 1.0, 0.0), SPACE);
        ftrl.learn(new int[] {3}, new float[] {1f}, 1, 1);
        // |z| = 0.5 <= l1 = 1
        assertThat(ftrl.weight(3)).isZero();
        assertThat(ftrl.nonZeroWeights()).isEmpty();
    }

    @Test
    void learnsASeparableRuleAndLowersTheLoss() {
        var ftrl = new FtrlLogisticRegression(new FtrlParams(0.5, 1.0, 0.0, 1.0), SPACE);
        Random random = new Random(42);
        double early = 0;
        double late = 0;
        for (int t = 0; t < 4000; t++) {
            int feature = random.nextInt(20);
            int label = feature < 10 ? 1 : 0;
            double p = ftrl.learn(new int[] {feature, 999}, new float[] {1f, 1f}, 2, label);
            double loss = LogisticLoss.loss(p, label);
            if (t < 200) {
                early += loss;
            } else if (t >= 3800) {
                late += loss;
            }
        }
        assertThat(late / 200).isLessThan(0.1).isLessThan(early / 200 / 4);
    }

    @Test
    void hashesAreReducedToTheTableSize() {
        var ftrl = new FtrlLogisticRegression(new FtrlParams(0.5, 1.0, 0.0, 0.0), SPACE);
        ftrl.learn(new int[] {0x7fff_f007}, new float[] {1f}, 1, 1);
        assertThat(ftrl.z(0x007)).isEqualTo(-0.5f);
    }

    @Test
    void tracksTouchedCoordinatesAndDirtyChunks() {
        var ftrl = new FtrlLogisticRegression(FtrlParams.defaults(), new FeatureSpace(14, List.of(), 0));
        ftrl.learn(new int[] {5, 4097, 5}, new float[] {1f, 1f, 1f}, 3, 1);
        assertThat(ftrl.touched()).containsExactly(5, 4097);
        assertThat(ftrl.drainTouched()).containsExactly(5, 4097);
        assertThat(ftrl.touchedCount()).isZero();
        assertThat(ftrl.drainDirtyChunks()).containsExactly(0, 1);
        assertThat(ftrl.drainDirtyChunks()).isEmpty();
    }

    @Test
    void chunksRoundTripIntoAnEqualModel() {
        var ftrl = trained(7);
        var restored = new FtrlLogisticRegression(ftrl.params(), ftrl.space());
        float[] z = new float[ftrl.chunkSize()];
        float[] n = new float[ftrl.chunkSize()];
        for (int c = 0; c < ftrl.chunkCount(); c++) {
            ftrl.readChunk(c, z, n);
            restored.writeChunk(c, z, n);
        }
        assertThat(restored.sameState(ftrl)).isTrue();
    }

    @Test
    void copyIsEqualAndIndependent() {
        var ftrl = trained(3);
        var copy = ftrl.copy();
        assertThat(copy.sameState(ftrl)).isTrue();
        copy.learn(new int[] {1}, new float[] {1f}, 1, 1);
        assertThat(copy.sameState(ftrl)).isFalse();
    }

    @Test
    void rejectsInvalidSettingsWithTheParameterName() {
        assertThatThrownBy(() -> new FtrlParams(0, 1, 0, 0)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new FtrlParams(0.1, -1, 0, 0)).hasMessageContaining("beta");
        assertThatThrownBy(() -> new FtrlParams(0.1, 1, Double.NaN, 0)).hasMessageContaining("l1");
        assertThatThrownBy(() -> new FeatureSpace(40, List.of(), 0)).hasMessageContaining("bits");
    }

    static FtrlLogisticRegression trained(long seed) {
        var ftrl = new FtrlLogisticRegression(FtrlParams.defaults(), SPACE);
        Random random = new Random(seed);
        for (int t = 0; t < 500; t++) {
            int[] h = {random.nextInt(), random.nextInt(50), 17};
            ftrl.learn(h, new float[] {1f, 1f, 0.5f}, 3, random.nextInt(2));
        }
        return ftrl;
    }
}
