package io.riffle.models.series;

import io.riffle.models.reservoir.Checks;
import io.riffle.models.reservoir.SeededRandom;

/**
 * The tenth-order nonlinear autoregressive moving-average task (Atiya and Parlos 2000; the reservoir benchmark of
 * Jaeger 2003), a system-identification task: the model sees u and must output y.
 *
 * <pre>
 *   y(t+1) = 0.3 y(t) + 0.05 y(t) Σ_{i=0}^{9} y(t−i) + 1.5 u(t−9) u(t) + 0.1,      u(t) ~ U[0, 0.5] i.i.d.
 * </pre>
 *
 * with y(t) = 0 and u(t) = 0 for t &lt; 0 (so the first ten steps run on a zero history). The target aligned with input
 * u(t) is y(t+1): {@link Series#target()}[t] = y(t+1). Deterministic in the seed. The recursion can diverge for rare
 * input draws; {@link #generate} throws if it does, naming the seed.
 */
public final class Narma10 {
    /** Inputs u(0..T−1) and aligned targets y(1..T). */
    public record Series(double[] input, double[] target) {}

    private Narma10() {}

    public static Series generate(int length, long seed) {
        Checks.atLeast("narma10 length", length, 1);
        SeededRandom rng = SeededRandom.stream(seed, 0x4E41);
        double[] u = new double[length];
        for (int t = 0; t < length; t++) {
            u[t] = rng.uniform(0.0, 0.5);
        }
        double[] y = new double[length + 1]; // y[t] for t = 0..length; y[0] = 0
        for (int t = 0; t < length; t++) {
            double sum = 0.0;
            for (int i = 0; i < 10; i++) {
                sum += t - i >= 0 ? y[t - i] : 0.0;
            }
            double uLag = t - 9 >= 0 ? u[t - 9] : 0.0;
            y[t + 1] = 0.3 * y[t] + 0.05 * y[t] * sum + 1.5 * uLag * u[t] + 0.1;
            if (!Double.isFinite(y[t + 1]) || Math.abs(y[t + 1]) > 1e3) {
                throw new IllegalStateException("narma10 diverged at t=" + t + " for seed " + seed
                        + ": choose another seed");
            }
        }
        double[] target = new double[length];
        System.arraycopy(y, 1, target, 0, length);
        return new Series(u, target);
    }
}
