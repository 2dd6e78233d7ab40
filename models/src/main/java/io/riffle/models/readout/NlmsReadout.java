package io.riffle.models.readout;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Normalised least mean squares (Nagumo and Noda 1967; Haykin, "Adaptive Filter Theory", §6.1), multi-output: O(mF)
 * state and work per update, for very many keys where RLS's F² per key does not fit.
 *
 * <pre>
 *   e = y − W φ;     W ← W + μ e φᵀ / (ε + ‖φ‖²)
 * </pre>
 *
 * <p>Converges much more slowly than RLS when the features are correlated (as reservoir states are): expect a higher
 * error for the same data. State layout of {@link #write}: updates (long), W (m·F doubles). NaN or infinite φ or y is
 * rejected with {@link IllegalArgumentException}, state unchanged.
 */
public final class NlmsReadout implements Readout {
    private final NlmsConfig config;
    private final int f;
    private final int m;
    private final double[] w;
    private final double[] err;
    private long updates;

    NlmsReadout(NlmsConfig config, int features, int outputs) {
        if (features < 1 || outputs < 1) {
            throw new IllegalArgumentException("nlms readout needs >= 1 feature and >= 1 output, got " + features
                    + " and " + outputs);
        }
        this.config = config;
        this.f = features;
        this.m = outputs;
        this.w = new double[features * outputs];
        this.err = new double[outputs];
    }

    @Override
    public NlmsConfig spec() {
        return config;
    }

    @Override
    public int features() {
        return f;
    }

    @Override
    public int outputs() {
        return m;
    }

    @Override
    public void predict(double[] phi, double[] out) {
        Readout.checkPredict(this, phi, out);
        Readout.apply(w, f, m, phi, out);
    }

    @Override
    public void update(double[] phi, double[] target) {
        Readout.checkPair(this, phi, target);
        double norm = config.epsilon();
        for (int j = 0; j < f; j++) {
            norm += phi[j] * phi[j];
        }
        double mu = config.stepSize() / norm;
        for (int o = 0; o < m; o++) {
            int row = o * f;
            double e = target[o];
            for (int j = 0; j < f; j++) {
                e -= w[row + j] * phi[j];
            }
            err[o] = mu * e;
            if (!Double.isFinite(err[o])) {
                throw new IllegalArgumentException("nlms update would overflow (a-priori error " + e + " on output "
                        + o + "): target or features out of range; state unchanged");
            }
        }
        for (int o = 0; o < m; o++) {
            int row = o * f;
            double s = err[o];
            for (int j = 0; j < f; j++) {
                w[row + j] += s * phi[j];
            }
        }
        updates++;
    }

    @Override
    public void refit(RidgeAccumulator acc, double ridge) {
        if (acc.features() != f || acc.outputs() != m) {
            throw new IllegalArgumentException("ridge accumulator is " + acc.features() + "x" + acc.outputs()
                    + ", readout is " + f + "x" + m);
        }
        acc.solve(ridge, w, null);
    }

    @Override
    public long updates() {
        return updates;
    }

    @Override
    public double[] weights() {
        return w.clone();
    }

    @Override
    public NlmsReadout copy() {
        NlmsReadout c = new NlmsReadout(config, f, m);
        System.arraycopy(w, 0, c.w, 0, w.length);
        c.updates = updates;
        return c;
    }

    @Override
    public boolean sameState(Readout other) {
        return other instanceof NlmsReadout r && r.config.equals(config) && r.f == f && r.m == m
                && r.updates == updates && Arrays.equals(r.w, w);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(updates);
        for (double x : w) {
            out.writeDouble(x);
        }
    }

    @Override
    public int serializedSize() {
        return Long.BYTES + m * f * Double.BYTES;
    }

    static NlmsReadout read(NlmsConfig config, DataInput in, int features, int outputs) throws IOException {
        NlmsReadout r = new NlmsReadout(config, features, outputs);
        r.updates = in.readLong();
        for (int k = 0; k < r.w.length; k++) {
            r.w[k] = in.readDouble();
        }
        return r;
    }
}
