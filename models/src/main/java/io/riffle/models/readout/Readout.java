package io.riffle.models.readout;

import java.io.DataOutput;
import java.io.IOException;

/**
 * An online linear readout y = W φ with m outputs over F features, trained one (φ, y) pair at a time. One instance
 * per key; not thread-safe.
 *
 * <p>{@link #update} rejects non-finite features or targets with {@link IllegalArgumentException} and leaves the
 * state unchanged.
 */
public sealed interface Readout permits RlsReadout, NlmsReadout {
    ReadoutSpec spec();

    /** F. */
    int features();

    /** m. */
    int outputs();

    /** {@code out[0..m) = W φ}. Reads only. */
    void predict(double[] phi, double[] out);

    /** Learns from one pair: features {@code phi} (F), target {@code target} (m). */
    void update(double[] phi, double[] target);

    /** Number of successful updates. */
    long updates();

    /** The weights W, m×F row-major (a copy). */
    double[] weights();

    /** Replaces the weights (and, for RLS, P) with the exact ridge solution of {@code acc} (the periodic guard). */
    void refit(RidgeAccumulator acc, double ridge);

    /** An independent copy with equal state. */
    Readout copy();

    /** True when the state is bit-for-bit equal. */
    boolean sameState(Readout other);

    /** State only (the configuration is the caller's); see the implementations for the layout. */
    void write(DataOutput out) throws IOException;

    /** Bytes {@link #write} produces. */
    int serializedSize();

    static void checkPair(Readout r, double[] phi, double[] target) {
        if (phi.length < r.features() || target.length < r.outputs()) {
            throw new IllegalArgumentException("readout update needs " + r.features() + " features and "
                    + r.outputs() + " targets, got " + phi.length + " and " + target.length);
        }
        for (int j = 0; j < r.features(); j++) {
            if (!Double.isFinite(phi[j])) {
                throw new IllegalArgumentException("readout feature " + j + " is " + phi[j]
                        + ": non-finite values are rejected");
            }
        }
        for (int o = 0; o < r.outputs(); o++) {
            if (!Double.isFinite(target[o])) {
                throw new IllegalArgumentException("readout target " + o + " is " + target[o]
                        + ": non-finite values are rejected");
            }
        }
    }

    /** {@code out[0..m) = W φ} for W m×F row-major: the prediction every linear readout makes. */
    static void apply(double[] w, int f, int m, double[] phi, double[] out) {
        for (int o = 0; o < m; o++) {
            double s = 0.0;
            for (int j = 0, row = o * f; j < f; j++) {
                s += w[row + j] * phi[j];
            }
            out[o] = s;
        }
    }

    static void checkPredict(Readout r, double[] phi, double[] out) {
        if (phi.length < r.features() || out.length < r.outputs()) {
            throw new IllegalArgumentException("readout predict needs " + r.features() + " features and room for "
                    + r.outputs() + " outputs, got " + phi.length + " and " + out.length);
        }
    }
}
