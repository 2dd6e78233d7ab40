package io.riffle.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NrmseAccumulatorTest {
    @Test
    void nrmseIsRmseOverTheTargetsPopulationStd() {
        double[] actual = {1, 2, 3, 4};
        double[] predicted = {1.5, 2, 2.5, 4};
        // RMSE = sqrt(0.5/4); std = sqrt(1.25)
        assertThat(Nrmse.of(predicted, actual)).isCloseTo(Math.sqrt(0.125 / 1.25), within(1e-15));
        NrmseAccumulator acc = new NrmseAccumulator(1);
        for (int t = 0; t < 4; t++) {
            acc.add(predicted[t], actual[t]);
        }
        assertThat(acc.nrmse()).isCloseTo(Nrmse.of(predicted, actual), within(1e-14));
        assertThat(acc.rmse()).isCloseTo(Math.sqrt(0.125), within(1e-15));
    }

    @Test
    void perKeyAccumulatorsMergeIntoTheGlobalOne() {
        Random r = new Random(1);
        NrmseAccumulator global = new NrmseAccumulator(2);
        NrmseAccumulator[] keys = {new NrmseAccumulator(2), new NrmseAccumulator(2), new NrmseAccumulator(2)};
        for (int t = 0; t < 300; t++) {
            double[] y = {r.nextGaussian() * 3 + t % 3, r.nextGaussian()};
            double[] p = {y[0] + 0.1 * r.nextGaussian(), y[1] + 0.2 * r.nextGaussian()};
            global.add(p, y);
            keys[t % 3].add(p, y);
        }
        NrmseAccumulator merged = new NrmseAccumulator(2);
        for (NrmseAccumulator k : keys) {
            merged.merge(k);
        }
        assertThat(merged.count()).isEqualTo(300);
        assertThat(merged.nrmse()).isCloseTo(global.nrmse(), within(1e-12));
        assertThat(merged.nrmse(0)).isCloseTo(global.nrmse(0), within(1e-12));
        assertThat(merged.nrmse(1)).isCloseTo(global.nrmse(1), within(1e-12));
    }

    @Test
    void copyAndSerializationPreserveState() throws Exception {
        NrmseAccumulator acc = new NrmseAccumulator(1);
        acc.add(1, 2);
        acc.add(3, 2.5);
        NrmseAccumulator copy = acc.copy();
        assertThat(copy.sameState(acc)).isTrue();
        copy.add(0, 1);
        assertThat(acc.count()).isEqualTo(2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        acc.write(new DataOutputStream(bytes));
        assertThat(bytes.size()).isEqualTo(acc.serializedSize());
        NrmseAccumulator back =
                NrmseAccumulator.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.sameState(acc)).isTrue();
    }

    @Test
    void nonFiniteValuesAreRejectedAndEmptyResultsAreNaN() {
        NrmseAccumulator acc = new NrmseAccumulator(1);
        assertThat(acc.nrmse()).isNaN();
        assertThatThrownBy(() -> acc.add(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(acc.count()).isZero();
    }
}
