package io.riffle.models.reservoir.forecast;

import io.riffle.models.metrics.NrmseAccumulator;
import io.riffle.models.readout.Readout;
import io.riffle.models.readout.RidgeAccumulator;
import java.util.Arrays;

/**
 * Everything a {@link SeriesForecaster} keeps for one key (one series): the reservoir state (activations plus
 * adaptation variables), the last input (for the pending readout update), the input normalisation statistics, the
 * readout (RLS: W and P; NLMS: W), an optional ridge accumulator for the refit guard, and the key's prequential
 * one-step NRMSE. The fixed reservoir weights are not here: they come from the forecaster's spec.
 *
 * <p>Created by {@link SeriesForecaster#newState()}, serialised by {@link SeriesForecaster#toBytes(KeyState)}.
 * Mutable; one writer at a time.
 */
public final class KeyState {
    long seen;
    final double[] state;
    final double[] lastInput;
    final double[] mean;
    final double[] m2;
    final Readout readout;
    final RidgeAccumulator ridge;
    final NrmseAccumulator metrics;

    KeyState(double[] state, int dims, Readout readout, RidgeAccumulator ridge, NrmseAccumulator metrics) {
        this.state = state;
        this.lastInput = new double[dims];
        this.mean = new double[dims];
        this.m2 = new double[dims];
        this.readout = readout;
        this.ridge = ridge;
        this.metrics = metrics;
    }

    /** Points seen so far. */
    public long seen() {
        return seen;
    }

    /** A copy of the reservoir state vector (activations first). */
    public double[] reservoirState() {
        return state.clone();
    }

    /** The readout (live: do not update it outside the forecaster). */
    public Readout readout() {
        return readout;
    }

    /** The key's prequential one-step NRMSE after the washout (live). */
    public NrmseAccumulator metrics() {
        return metrics;
    }

    /** Running mean of the inputs (a copy). */
    public double[] inputMean() {
        return mean.clone();
    }

    /** An independent deep copy. */
    public KeyState copy() {
        KeyState c = new KeyState(state.clone(), lastInput.length, readout.copy(), ridge == null ? null : ridge.copy(),
                metrics.copy());
        c.seen = seen;
        System.arraycopy(lastInput, 0, c.lastInput, 0, lastInput.length);
        System.arraycopy(mean, 0, c.mean, 0, mean.length);
        System.arraycopy(m2, 0, c.m2, 0, m2.length);
        return c;
    }

    /** True when every part is bit-for-bit equal. */
    public boolean sameState(KeyState o) {
        return o.seen == seen && Arrays.equals(o.state, state) && Arrays.equals(o.lastInput, lastInput)
                && Arrays.equals(o.mean, mean) && Arrays.equals(o.m2, m2) && o.readout.sameState(readout)
                && (ridge == null ? o.ridge == null : o.ridge != null && o.ridge.sameState(ridge))
                && o.metrics.sameState(metrics);
    }
}
