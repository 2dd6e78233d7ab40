package io.riffle.models.readout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class RlsReadoutTest extends ReadoutContract {
    static final double DELTA = 1e-3;

    @Override
    Readout create() {
        return new RlsConfig(1.0, DELTA, 1.0).create(F, M);
    }

    /** λ = 1: RLS equals batch ridge (δI + XᵀX)⁻¹XᵀY, solved here directly with EJML. */
    @Override
    void assertMatchesReference(double[][] phis, double[][] targets, Readout trained) {
        double[] expected = weightedLeastSquares(phis, targets, 1.0, DELTA);
        assertThat(trained.weights()).containsExactly(expected, within(1e-6));
    }

    /** Solves (λ^T δ I + Σ λ^{T−s} φφᵀ) W = Σ λ^{T−s} φ yᵀ in one shot; returns W (M×F row-major). */
    static double[] weightedLeastSquares(double[][] phis, double[][] ys, double lambda, double delta) {
        int n = phis.length;
        DMatrixRMaj a = new DMatrixRMaj(F, F);
        DMatrixRMaj b = new DMatrixRMaj(F, M);
        for (int s = 0; s < n; s++) {
            double weight = Math.pow(lambda, n - 1 - s);
            for (int i = 0; i < F; i++) {
                for (int j = 0; j < F; j++) {
                    a.add(i, j, weight * phis[s][i] * phis[s][j]);
                }
                for (int o = 0; o < M; o++) {
                    b.add(i, o, weight * phis[s][i] * ys[s][o]);
                }
            }
        }
        for (int i = 0; i < F; i++) {
            a.add(i, i, Math.pow(lambda, n) * delta);
        }
        DMatrixRMaj x = new DMatrixRMaj(F, M);
        assertThat(CommonOps_DDRM.solve(a, b, x)).isTrue();
        double[] w = new double[M * F];
        for (int o = 0; o < M; o++) {
            for (int j = 0; j < F; j++) {
                w[o * F + j] = x.get(j, o);
            }
        }
        return w;
    }

    @Test
    void withForgettingMatchesWeightedLeastSquares() {
        double lambda = 0.98;
        double[][][] data = linearData(300, 21);
        // trace bound out of the way: this checks the recursion itself
        RlsReadout r = new RlsConfig(lambda, DELTA, 1e12).create(F, M);
        for (int t = 0; t < 300; t++) {
            r.update(data[0][t], data[1][t]);
        }
        assertThat(r.rescales()).isZero();
        assertThat(r.weights()).containsExactly(weightedLeastSquares(data[0], data[1], lambda, DELTA),
                within(1e-6));
    }

    @Test
    void staysFiniteOverALongRunWithBadlyConditionedFeatures() {
        // Two nearly collinear features, two that are almost never excited, a bias: with λ < 1 P grows as λ^-t in
        // the unexcited directions (0.99^-100000 overflows); the trace bound keeps it finite without resets.
        RlsConfig config = new RlsConfig(0.99, 1e-2, 1.0);
        RlsReadout r = config.create(5, 1);
        Random random = new Random(4);
        double[] phi = new double[5];
        double[] y = new double[1];
        double[] out = new double[1];
        for (int t = 0; t < 100_000; t++) {
            double x = random.nextGaussian();
            phi[0] = x;
            phi[1] = x + 1e-9 * random.nextGaussian();
            phi[2] = t % 50_000 == 0 ? 1.0 : 0.0;
            phi[3] = 0.0;
            phi[4] = 1.0;
            y[0] = 2 * x + 0.5 + 0.01 * random.nextGaussian();
            r.update(phi, y);
        }
        double[] p = r.inverseCorrelation();
        for (double v : p) {
            assertThat(v).isFinite();
        }
        assertThat(r.trace()).isLessThanOrEqualTo(5 / 1e-2 * (1 + 1e-12));
        assertThat(r.rescales()).isPositive();
        assertThat(r.resets()).isZero();
        phi[0] = 1.0;
        phi[1] = 1.0;
        phi[2] = 0.0;
        r.predict(phi, out);
        assertThat(out[0]).isCloseTo(2.5, within(0.05));
    }

    @Test
    void keepsPExactlySymmetric() {
        RlsReadout r = new RlsConfig(0.995, 1e-2, 1.0).create(F, M);
        double[][][] data = linearData(5000, 31);
        for (int t = 0; t < 5000; t++) {
            r.update(data[0][t], data[1][t]);
        }
        double[] p = r.inverseCorrelation();
        for (int i = 0; i < F; i++) {
            for (int j = 0; j < F; j++) {
                assertThat(p[i * F + j]).isEqualTo(p[j * F + i]);
            }
        }
    }

    @Test
    void refitFromTheSameWeightedDataReproducesTheRecursion() {
        double lambda = 0.99;
        double[][][] data = linearData(400, 41);
        RlsReadout rls = new RlsConfig(lambda, DELTA, 1e12).create(F, M);
        RidgeAccumulator acc = new RidgeAccumulator(F, M, lambda);
        for (int t = 0; t < 400; t++) {
            rls.update(data[0][t], data[1][t]);
            acc.increment(data[0][t], data[1][t]);
        }
        RlsReadout refit = rls.copy();
        refit.refit(acc, Math.pow(lambda, 400) * DELTA);
        assertThat(refit.weights()).containsExactly(rls.weights(), within(1e-8));
        double[] p1 = rls.inverseCorrelation();
        double[] p2 = refit.inverseCorrelation();
        for (int k = 0; k < p1.length; k++) {
            assertThat(p2[k]).isCloseTo(p1[k], within(1e-6 * (1 + Math.abs(p1[k]))));
        }
    }
}
