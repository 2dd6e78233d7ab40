package io.riffle.models.readout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class RidgeAccumulatorTest {
    static final int F = ReadoutContract.F;
    static final int M = ReadoutContract.M;

    static RidgeAccumulator fed(double[][][] data, int from, int to, double lambda) {
        RidgeAccumulator acc = new RidgeAccumulator(F, M, lambda);
        for (int t = from; t < to; t++) {
            acc.increment(data[0][t], data[1][t]);
        }
        return acc;
    }

    @Test
    void incrementalEqualsBatchWeightedLeastSquares() {
        double[][][] data = ReadoutContract.linearData(200, 1);
        assertThat(fed(data, 0, 200, 1.0).result(1e-3))
                .containsExactly(RlsReadoutTest.weightedLeastSquares(data[0], data[1], 1.0, 1e-3), within(1e-9));
        RidgeAccumulator weighted = fed(data, 0, 200, 0.97);
        assertThat(weighted.result(Math.pow(0.97, 200) * 1e-3))
                .containsExactly(RlsReadoutTest.weightedLeastSquares(data[0], data[1], 0.97, 1e-3), within(1e-8));
    }

    @Test
    void mergeOfDisjointHalvesEqualsTheWhole() {
        double[][][] data = ReadoutContract.linearData(100, 2);
        RidgeAccumulator left = fed(data, 0, 60, 1.0);
        left.merge(fed(data, 60, 100, 1.0));
        assertThat(left.count()).isEqualTo(100);
        assertThat(left.result(1e-6)).containsExactly(fed(data, 0, 100, 1.0).result(1e-6), within(1e-10));
    }

    @Test
    void copyIsEqualAndIndependentAndSerializationRoundTrips() throws Exception {
        double[][][] data = ReadoutContract.linearData(50, 3);
        RidgeAccumulator acc = fed(data, 0, 40, 0.99);
        RidgeAccumulator copy = acc.copy();
        assertThat(copy.sameState(acc)).isTrue();
        copy.increment(data[0][45], data[1][45]);
        assertThat(copy.sameState(acc)).isFalse();
        assertThat(acc.count()).isEqualTo(40);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        acc.write(new DataOutputStream(bytes));
        assertThat(bytes.size()).isEqualTo(acc.serializedSize());
        RidgeAccumulator back =
                RidgeAccumulator.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.sameState(acc)).isTrue();
    }

    @Test
    void rejectsNonFiniteValuesAndUnsolvableSystems() {
        RidgeAccumulator acc = new RidgeAccumulator(F, M, 1.0);
        double[] phi = new double[F];
        phi[0] = Double.NaN;
        assertThatThrownBy(() -> acc.increment(phi, new double[M])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature 0 is NaN");
        assertThat(acc.count()).isZero();
        assertThatThrownBy(() -> acc.result(0.0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not positive definite");
    }
}
