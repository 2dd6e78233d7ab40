package io.riffle.models.readout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The contract every online readout passes (CONVENTIONS §12). */
abstract class ReadoutContract {
    static final int F = 7;
    static final int M = 2;

    abstract Readout create();

    /** Checks the trained readout against a naive reference implementation on the same pairs. */
    abstract void assertMatchesReference(double[][] phis, double[][] targets, Readout trained);

    /** Random features (last one a bias 1) and targets from a noisy linear map. */
    static double[][][] linearData(int n, long seed) {
        Random r = new Random(seed);
        double[][] w = new double[M][F];
        for (double[] row : w) {
            for (int j = 0; j < F; j++) {
                row[j] = r.nextGaussian();
            }
        }
        double[][] phis = new double[n][F];
        double[][] ys = new double[n][M];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < F - 1; j++) {
                phis[t][j] = r.nextGaussian();
            }
            phis[t][F - 1] = 1.0;
            for (int o = 0; o < M; o++) {
                double s = 0.01 * r.nextGaussian();
                for (int j = 0; j < F; j++) {
                    s += w[o][j] * phis[t][j];
                }
                ys[t][o] = s;
            }
        }
        return new double[][][] {phis, ys};
    }

    Readout trained(int n, long seed) {
        double[][][] data = linearData(n, seed);
        Readout r = create();
        for (int t = 0; t < n; t++) {
            r.update(data[0][t], data[1][t]);
        }
        return r;
    }

    static byte[] bytes(Readout r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.write(new DataOutputStream(out));
        return out.toByteArray();
    }

    @Test
    void incrementalEqualsReference() {
        double[][][] data = linearData(300, 3);
        Readout r = create();
        for (int t = 0; t < 300; t++) {
            r.update(data[0][t], data[1][t]);
        }
        assertThat(r.updates()).isEqualTo(300);
        assertMatchesReference(data[0], data[1], r);
    }

    @Test
    void learnsANoisyLinearMap() {
        double[][][] test = linearData(2000, 5);
        Readout r = create();
        for (int t = 0; t < 2000; t++) {
            r.update(test[0][t], test[1][t]);
        }
        double[] out = new double[M];
        double sse = 0;
        for (int t = 1900; t < 2000; t++) {
            r.predict(test[0][t], out);
            for (int o = 0; o < M; o++) {
                sse += Math.pow(out[o] - test[1][t][o], 2);
            }
        }
        assertThat(Math.sqrt(sse / 200)).isLessThan(0.05);
    }

    @Test
    void copyIsEqualAndIndependent() {
        Readout original = trained(50, 7);
        double[] before = original.weights();
        Readout copy = original.copy();
        assertThat(copy.sameState(original)).isTrue();
        copy.update(linearData(1, 8)[0][0], new double[] {100, -100});
        assertThat(copy.sameState(original)).isFalse();
        assertThat(original.weights()).isEqualTo(before);
        assertThat(original.updates()).isEqualTo(50);
    }

    @Test
    void serializationRoundTripsBitForBit() throws IOException {
        Readout r = trained(80, 9);
        byte[] bytes = bytes(r);
        assertThat(bytes).hasSize(r.serializedSize());
        Readout back = r.spec().read(new DataInputStream(new ByteArrayInputStream(bytes)), F, M);
        assertThat(back.sameState(r)).isTrue();
        assertThat(bytes(back)).isEqualTo(bytes);
        // and it keeps learning identically
        double[][][] more = linearData(20, 10);
        for (int t = 0; t < 20; t++) {
            r.update(more[0][t], more[1][t]);
            back.update(more[0][t], more[1][t]);
        }
        assertThat(back.sameState(r)).isTrue();
    }

    @Test
    void nonFiniteInputIsRejectedAndStateIsUnchanged() throws IOException {
        Readout r = trained(30, 11);
        byte[] before = bytes(r);
        double[] phi = linearData(1, 12)[0][0];
        double[] bad = phi.clone();
        bad[2] = Double.NaN;
        assertThatThrownBy(() -> r.update(bad, new double[] {1, 2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature 2 is NaN");
        assertThatThrownBy(() -> r.update(phi, new double[] {1, Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target 1 is Infinity");
        assertThatThrownBy(() -> r.update(new double[F - 1], new double[M]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(bytes(r)).isEqualTo(before);
    }
}
