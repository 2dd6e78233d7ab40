package io.riffle.models.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class AdamAndRngTest {
    @Test
    void firstAdamStepMovesEachCoordinateByTheLearningRateAgainstTheGradientSign() {
        Adam adam = new Adam(AdamConfig.defaults().withLearningRate(0.1), 3);
        float[] p = {1f, 1f, 1f};
        adam.step(p, new float[] {0.5f, -2f, 0f});
        // m̂ = g, v̂ = g², so the step is α g / (|g| + ε) (ε negligible); a zero gradient does not move.
        assertThat(p[0]).isCloseTo(0.9f, within(1e-6f));
        assertThat(p[1]).isCloseTo(1.1f, within(1e-6f));
        assertThat(p[2]).isEqualTo(1f);
        assertThat(adam.steps()).isEqualTo(1);
    }

    @Test
    void clipsTheGlobalNormAndRefusesNonFiniteGradients() {
        Adam adam = new Adam(AdamConfig.defaults().withClipNorm(1.0), 2);
        float[] p = {0f, 0f};
        assertThat(adam.step(p, new float[] {3f, 4f})).isEqualTo(5.0);
        Adam copy = adam.copy();
        float[] before = p.clone();
        assertThatThrownBy(() -> adam.step(p, new float[] {Float.NaN, 1f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThat(p).containsExactly(before);
        assertThat(adam.sameState(copy)).isTrue();
    }

    @Test
    void copyIsEqualAndIndependentAndSerializationRoundTripsBitForBit() throws Exception {
        Adam adam = new Adam(AdamConfig.defaults(), 4);
        float[] p = {1, 2, 3, 4};
        Rng rng = new Rng(9);
        for (int i = 0; i < 5; i++) {
            adam.step(p, new float[] {rng.uniform(1), rng.uniform(1), rng.uniform(1), rng.uniform(1)});
        }
        Adam copy = adam.copy();
        assertThat(copy.sameState(adam)).isTrue();
        float[] q = p.clone();
        copy.step(q, new float[] {1, 1, 1, 1});
        assertThat(copy.sameState(adam)).isFalse();

        var bytes = new ByteArrayOutputStream();
        adam.write(new DataOutputStream(bytes));
        Adam read = new Adam(AdamConfig.defaults(), 4);
        read.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(read.sameState(adam)).isTrue();
    }

    @Test
    void rejectsBadSettingsWithMessagesThatNameTheParameter() {
        assertThatThrownBy(() -> AdamConfig.defaults().withLearningRate(0)).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> new AdamConfig(1e-3, 1.0, 0.999, 1e-8, 0)).hasMessageContaining("beta1");
        assertThatThrownBy(() -> AdamConfig.defaults().withClipNorm(-1)).hasMessageContaining("clipNorm");
    }

    @Test
    void rngIsReproducibleRestorableAndSplitsIntoIndependentStreams() {
        Rng a = new Rng(42);
        Rng b = new Rng(42);
        for (int i = 0; i < 10; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
        Rng resumed = new Rng(0);
        resumed.setState(a.state());
        assertThat(resumed.nextLong()).isEqualTo(a.nextLong());

        Rng parent = new Rng(7);
        Rng child = parent.split();
        assertThat(child.nextLong()).isNotEqualTo(parent.nextLong());

        int[] counts = new int[5];
        Rng r = new Rng(3);
        for (int i = 0; i < 50_000; i++) {
            counts[r.nextInt(5)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(9_500, 10_500);
        }
        assertThatThrownBy(() -> r.nextInt(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
