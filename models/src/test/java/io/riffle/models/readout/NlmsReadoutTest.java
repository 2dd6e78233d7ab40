package io.riffle.models.readout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NlmsReadoutTest extends ReadoutContract {
    static final double MU = 0.5;
    static final double EPS = 1e-3;

    @Override
    Readout create() {
        return new NlmsConfig(MU, EPS).create(F, M);
    }

    /** The NLMS recursion written out naively. */
    @Override
    void assertMatchesReference(double[][] phis, double[][] targets, Readout trained) {
        double[][] w = new double[M][F];
        for (int t = 0; t < phis.length; t++) {
            double norm = EPS;
            for (double x : phis[t]) {
                norm += x * x;
            }
            for (int o = 0; o < M; o++) {
                double e = targets[t][o];
                for (int j = 0; j < F; j++) {
                    e -= w[o][j] * phis[t][j];
                }
                for (int j = 0; j < F; j++) {
                    w[o][j] += MU * e * phis[t][j] / norm;
                }
            }
        }
        double[] flat = new double[M * F];
        for (int o = 0; o < M; o++) {
            System.arraycopy(w[o], 0, flat, o * F, F);
        }
        assertThat(trained.weights()).containsExactly(flat, within(1e-12));
    }
}
