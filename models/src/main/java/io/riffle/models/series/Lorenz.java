package io.riffle.models.series;

import io.riffle.models.reservoir.Checks;
import io.riffle.models.reservoir.SeededRandom;

/**
 * The Lorenz (1963) system, integrated with classical Runge-Kutta 4:
 *
 * <pre>
 *   dx/dt = σ (y − x),   dy/dt = x (ρ − z) − y,   dz/dt = x y − β z,      σ = 10, ρ = 28, β = 8/3
 * </pre>
 *
 * <p>RK4 with step {@code dt}, one sample every {@code every} steps (sample spacing dt·every). The start point is
 * (1, 1, 1) plus N(0, 0.01²) noise from {@code seed}, followed by {@code transientSteps} discarded steps so samples
 * lie on the attractor. Output is row-major {@code [x0, y0, z0, x1, y1, z1, …]} (length × 3).
 *
 * @param sigma     σ
 * @param rho       ρ
 * @param beta      β
 * @param dt        RK4 step (> 0)
 * @param every     steps per sample (≥ 1)
 * @param transientSteps discarded steps (≥ 0)
 */
public record Lorenz(double sigma, double rho, double beta, double dt, int every, int transientSteps) {
    public Lorenz {
        Checks.positive("lorenz sigma", sigma);
        Checks.positive("lorenz rho", rho);
        Checks.positive("lorenz beta", beta);
        Checks.positive("lorenz dt", dt);
        Checks.atLeast("lorenz every", every, 1);
        Checks.atLeast("lorenz transientSteps", transientSteps, 0);
    }

    /** σ = 10, ρ = 28, β = 8/3, dt = 0.01, a sample every 2 steps (spacing 0.02), 5000 transient steps. */
    public static Lorenz standard() {
        return new Lorenz(10, 28, 8.0 / 3.0, 0.01, 2, 5000);
    }

    public double[] generate(int length, long seed) {
        Checks.atLeast("lorenz length", length, 1);
        SeededRandom rng = SeededRandom.stream(seed, 0x4C6F);
        double[] s = {1 + 0.01 * rng.nextGaussian(), 1 + 0.01 * rng.nextGaussian(), 1 + 0.01 * rng.nextGaussian()};
        double[] k1 = new double[3];
        double[] k2 = new double[3];
        double[] k3 = new double[3];
        double[] k4 = new double[3];
        double[] tmp = new double[3];
        for (int i = 0; i < transientSteps; i++) {
            rk4(s, k1, k2, k3, k4, tmp);
        }
        double[] out = new double[3 * length];
        for (int t = 0; t < length; t++) {
            System.arraycopy(s, 0, out, 3 * t, 3);
            for (int i = 0; i < every; i++) {
                rk4(s, k1, k2, k3, k4, tmp);
            }
        }
        return out;
    }

    private void rk4(double[] s, double[] k1, double[] k2, double[] k3, double[] k4, double[] tmp) {
        derivative(s, k1);
        for (int i = 0; i < 3; i++) {
            tmp[i] = s[i] + 0.5 * dt * k1[i];
        }
        derivative(tmp, k2);
        for (int i = 0; i < 3; i++) {
            tmp[i] = s[i] + 0.5 * dt * k2[i];
        }
        derivative(tmp, k3);
        for (int i = 0; i < 3; i++) {
            tmp[i] = s[i] + dt * k3[i];
        }
        derivative(tmp, k4);
        for (int i = 0; i < 3; i++) {
            s[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
    }

    private void derivative(double[] s, double[] out) {
        out[0] = sigma * (s[1] - s[0]);
        out[1] = s[0] * (rho - s[2]) - s[1];
        out[2] = s[0] * s[1] - beta * s[2];
    }
}
