package io.riffle.models.series;

import io.riffle.models.reservoir.Checks;
import io.riffle.models.reservoir.SeededRandom;

/**
 * The Mackey-Glass delay differential equation (Mackey and Glass 1977), the classic chaotic benchmark at τ = 17:
 *
 * <pre>
 *   dx/dt = a x(t−τ) / (1 + x(t−τ)^n) − b x(t),      a = 0.2, b = 0.1, n = 10
 * </pre>
 *
 * <p><b>Integration.</b> Classical Runge-Kutta 4 with step {@code dt}, a history buffer of τ/dt past values (τ/dt
 * must be a whole number), one sample returned every 1/dt steps (1/dt must be a whole number), so the output is x at
 * t = 0, 1, 2, …. The delayed term x(t−τ) is taken from the buffer; inside a step it is either held at its value at
 * the start of the step ({@code interpolateDelay = false}, exactly ReservoirPy's {@code mackey_glass} scheme, which
 * uses dt = 1) or linearly interpolated at the half and full step ({@code true}, second-order in the delay term).
 * The initial history is x0 + 0.2·(U − 0.5), U uniform from {@code seed} (ReservoirPy's form; its numpy stream differs
 * from ours, so the values differ from ReservoirPy's but the attractor is the same).
 *
 * @param tau              delay τ (> 0)
 * @param a                production rate (> 0)
 * @param b                decay rate (> 0)
 * @param n                exponent (> 0)
 * @param x0               initial value (> 0)
 * @param dt               RK4 step; 1/dt and τ/dt must be whole numbers
 * @param interpolateDelay hold (false) or interpolate (true) x(t−τ) inside a step
 */
public record MackeyGlass(double tau, double a, double b, double n, double x0, double dt, boolean interpolateDelay) {
    public MackeyGlass {
        Checks.positive("mackey-glass tau", tau);
        Checks.positive("mackey-glass a", a);
        Checks.positive("mackey-glass b", b);
        Checks.positive("mackey-glass n", n);
        Checks.positive("mackey-glass x0", x0);
        Checks.inHalfOpen("mackey-glass dt", dt, 0, 1);
        if (Math.abs(Math.rint(1 / dt) * dt - 1) > 1e-9 || Math.abs(Math.rint(tau / dt) * dt - tau) > 1e-9) {
            throw new IllegalArgumentException("mackey-glass dt must divide 1 and tau=" + tau
                    + " into whole steps, got " + dt);
        }
    }

    /** ReservoirPy's {@code mackey_glass} defaults: τ = 17, RK4 with dt = 1, delayed term held within a step. */
    public static MackeyGlass reservoirPy() {
        return new MackeyGlass(17, 0.2, 0.1, 10, 1.2, 1.0, false);
    }

    /** τ = 17 integrated with RK4 at dt = 0.1 (delay interpolated), sampled every time unit. */
    public static MackeyGlass fine() {
        return new MackeyGlass(17, 0.2, 0.1, 10, 1.2, 0.1, true);
    }

    /** {@code length} samples x(0), x(1), …, deterministic in {@code seed}. */
    public double[] generate(int length, long seed) {
        Checks.atLeast("mackey-glass length", length, 1);
        int perUnit = (int) Math.rint(1 / dt);
        int historyLength = (int) Math.rint(tau / dt);
        double[] history = new double[historyLength];
        SeededRandom rng = SeededRandom.stream(seed, 0x6D67);
        for (int i = 0; i < historyLength; i++) {
            history[i] = x0 + 0.2 * (rng.nextDouble() - 0.5);
        }
        // history is a ring: history[head] is x(t − τ), and x(t − τ + dt) is the next slot (x(t) itself when τ = dt).
        int head = 0;
        double x = x0;
        double[] out = new double[length];
        long steps = (long) length * perUnit;
        for (long s = 0; s < steps; s++) {
            if (s % perUnit == 0) {
                out[(int) (s / perUnit)] = x;
            }
            double delayed = history[head];
            double delayedNext = historyLength > 1 ? history[(head + 1) % historyLength] : x;
            double dMid = interpolateDelay ? 0.5 * (delayed + delayedNext) : delayed;
            double dEnd = interpolateDelay ? delayedNext : delayed;
            double k1 = dt * derivative(x, delayed);
            double k2 = dt * derivative(x + 0.5 * k1, dMid);
            double k3 = dt * derivative(x + 0.5 * k2, dMid);
            double k4 = dt * derivative(x + k3, dEnd);
            history[head] = x;
            head = (head + 1) % historyLength;
            x = x + k1 / 6 + k2 / 3 + k3 / 3 + k4 / 6;
        }
        return out;
    }

    private double derivative(double x, double delayed) {
        return a * delayed / (1 + Math.pow(delayed, n)) - b * x;
    }
}
