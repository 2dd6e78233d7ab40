package io.riffle.models.metrics;

import io.riffle.models.readout.FeatureLayout;
import io.riffle.models.readout.RidgeAccumulator;
import io.riffle.models.reservoir.Checks;
import io.riffle.models.reservoir.ReservoirCell;
import io.riffle.models.reservoir.SeededRandom;

/**
 * Short-term memory capacity of a reservoir (Jaeger 2002, "Short term memory in echo state networks", GMD Report
 * 152):
 *
 * <pre>
 *   MC = Σ_{k=1}^{K} r²( u(t−k), ŷ_k(t) )
 * </pre>
 *
 * where ŷ_k is a linear readout of φ(t) = [x(t); 1] trained to reproduce the input k steps back and r² is the squared
 * Pearson correlation on held-out steps. Protocol here: the input is i.i.d. uniform on [−1, 1] from {@code seed};
 * the cell runs {@code washout} steps (with adaptation, if the cell has any — the only phase in which it may adapt),
 * then {@code train} steps accumulate one ridge system with K outputs ({@link RidgeAccumulator}, penalty
 * {@code ridge}), then r² is measured on the next {@code test} steps with the readout fixed and adaptation frozen.
 * The maximum delay K is a parameter (the report states it; MC ≤ N for a linear reservoir). Finite test sets bias
 * each r² upward by about 1/test, so the sum carries a bias of about K/test.
 */
public final class MemoryCapacity {
    /** Total MC and r² per delay ({@code perDelay[k-1]} for delay k). */
    public record Result(double total, double[] perDelay) {}

    private MemoryCapacity() {}

    public static Result measure(ReservoirCell cell, int maxDelay, int washout, int train, int test, double ridge,
            long seed) {
        if (cell.inputSize() != 1) {
            throw new IllegalArgumentException("memory capacity drives a scalar input; the cell has "
                    + cell.inputSize());
        }
        Checks.atLeast("memory capacity maxDelay", maxDelay, 1);
        Checks.atLeast("memory capacity washout", washout, maxDelay);
        Checks.atLeast("memory capacity train", train, 1);
        Checks.atLeast("memory capacity test", test, 2);
        int n = cell.units();
        FeatureLayout layout = FeatureLayout.stateAndBias();
        int f = layout.size(n, 1);
        double[] state = new double[cell.stateSize()];
        double[] work = new double[cell.workSize()];
        double[] phi = new double[f];
        double[] u = new double[1];
        double[] history = new double[maxDelay + 1];
        double[] targets = new double[maxDelay];
        double[] predicted = new double[maxDelay];
        cell.initialState(state);
        SeededRandom rng = SeededRandom.stream(seed, 0x3E3);
        RidgeAccumulator acc = new RidgeAccumulator(f, maxDelay, 1.0);
        long t = 0;
        for (int s = 0; s < washout; s++, t++) {
            drive(cell, rng, u, history, t, state, work, true);
        }
        for (int s = 0; s < train; s++, t++) {
            drive(cell, rng, u, history, t, state, work, false);
            layout.fill(state, n, u, phi);
            delayed(history, t, targets);
            acc.increment(phi, targets);
        }
        double[] w = acc.result(ridge);
        double[] sy = new double[maxDelay];
        double[] sp = new double[maxDelay];
        double[] syy = new double[maxDelay];
        double[] spp = new double[maxDelay];
        double[] syp = new double[maxDelay];
        for (int s = 0; s < test; s++, t++) {
            drive(cell, rng, u, history, t, state, work, false);
            layout.fill(state, n, u, phi);
            delayed(history, t, targets);
            for (int k = 0; k < maxDelay; k++) {
                double p = 0.0;
                for (int j = 0, row = k * f; j < f; j++) {
                    p += w[row + j] * phi[j];
                }
                predicted[k] = p;
                double y = targets[k];
                sy[k] += y;
                sp[k] += p;
                syy[k] += y * y;
                spp[k] += p * p;
                syp[k] += y * p;
            }
        }
        double[] r2 = new double[maxDelay];
        double total = 0.0;
        for (int k = 0; k < maxDelay; k++) {
            double cov = syp[k] / test - (sy[k] / test) * (sp[k] / test);
            double vy = syy[k] / test - (sy[k] / test) * (sy[k] / test);
            double vp = spp[k] / test - (sp[k] / test) * (sp[k] / test);
            r2[k] = vy > 0 && vp > 0 ? cov * cov / (vy * vp) : 0.0;
            total += r2[k];
        }
        return new Result(total, r2);
    }

    private static void drive(ReservoirCell cell, SeededRandom rng, double[] u, double[] history, long t,
            double[] state, double[] work, boolean adapt) {
        u[0] = rng.uniform(-1.0, 1.0);
        history[(int) (t % history.length)] = u[0];
        cell.step(u, state, work, adapt);
    }

    /** targets[k-1] = u(t−k). */
    private static void delayed(double[] history, long t, double[] targets) {
        int len = history.length;
        for (int k = 1; k <= targets.length; k++) {
            targets[k - 1] = history[(int) ((t - k) % len)];
        }
    }
}
