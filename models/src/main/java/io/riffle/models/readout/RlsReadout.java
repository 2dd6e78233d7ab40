package io.riffle.models.readout;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Exponentially weighted recursive least squares (Haykin, "Adaptive Filter Theory", 4th ed., §10.3), multi-output
 * with one shared inverse-correlation matrix P (F×F, double precision) and weights W (m×F). Each update minimises
 *
 * <pre>
 *   Σ_{s ≤ t} λ^{t−s} ‖y(s) − W φ(s)‖² + λ^t δ ‖W‖²_F
 * </pre>
 *
 * exactly (in exact arithmetic), so with λ = 1 W equals the ridge solution (δI + XᵀX)⁻¹ XᵀY on the same pairs:
 *
 * <pre>
 *   v = P φ;   κ = λ + φᵀ v;   e = y − W φ              (a-priori error)
 *   W ← W + e vᵀ / κ
 *   P ← (P − v vᵀ / κ) / λ
 * </pre>
 *
 * <p><b>Keeping it finite.</b> Plain RLS drifts to NaN on long streams: P loses symmetry and positive definiteness
 * through rounding, and with λ &lt; 1 it grows as λ^−t in directions the features do not excite. Three guards:
 * <ul>
 *   <li><i>Symmetry by construction.</i> P is stored once, as its upper triangle (packed row by row, F(F+1)/2
 *       doubles): each P_ij (j > i) serves both (i, j) and (j, i) in P φ and is updated once, so P is exactly
 *       symmetric at every step — the strongest form of symmetrising after each update — and reads half the memory
 *       of a full F×F matrix.</li>
 *   <li><i>Trace bound</i> (constant-trace RLS, Goodwin and Sin 1984): when trace(P) exceeds
 *       {@code traceBound · F/δ}, P is scaled down to that trace.</li>
 *   <li><i>Reset.</i> If κ ≤ 0 or non-finite, or a diagonal entry of P turns ≤ 0 or non-finite, P is reset to I/δ
 *       (W is kept) and the pair is applied to the fresh P. {@link #resets()} counts these.</li>
 * </ul>
 *
 * <p>Cost per update ≈ 2F² + 2mF flops over F(F+1)/2 stored values; no allocation. State layout of {@link #write}:
 * updates (long), rescales (long), resets (long), P's upper triangle row by row (F(F+1)/2 doubles), W (m·F doubles);
 * the round trip is bit for bit.
 *
 * <p>NaN or infinite φ or y is rejected with {@link IllegalArgumentException}, state unchanged; so is a finite pair
 * whose a-priori error would overflow.
 */
public final class RlsReadout implements Readout {
    private final RlsConfig config;
    private final int f;
    private final int m;
    private final double[] p;
    private final double[] w;
    private final double[] v;
    private final double[] err;
    private final double maxTrace;
    private long updates;
    private long rescales;
    private long resets;

    RlsReadout(RlsConfig config, int features, int outputs) {
        if (features < 1 || outputs < 1) {
            throw new IllegalArgumentException("rls readout needs >= 1 feature and >= 1 output, got " + features
                    + " and " + outputs);
        }
        this.config = config;
        this.f = features;
        this.m = outputs;
        this.p = new double[features * (features + 1) / 2];
        this.w = new double[outputs * features];
        this.v = new double[features];
        this.err = new double[outputs];
        this.maxTrace = config.traceBound() * features / config.delta();
        resetP();
    }

    @Override
    public RlsConfig spec() {
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
        double kappa = gain(phi);
        if (!(kappa > 0) || !Double.isFinite(kappa)) {
            resets++;
            resetP();
            kappa = gain(phi);
        }
        double invKappa = 1.0 / kappa;
        for (int o = 0; o < m; o++) {
            int row = o * f;
            double e = target[o];
            for (int j = 0; j < f; j++) {
                e -= w[row + j] * phi[j];
            }
            err[o] = e * invKappa;
            if (!Double.isFinite(err[o])) {
                throw new IllegalArgumentException("rls update would overflow (a-priori error " + e + " on output "
                        + o + "): target or features out of range; state unchanged");
            }
        }
        for (int o = 0; o < m; o++) {
            int row = o * f;
            double scale = err[o];
            for (int j = 0; j < f; j++) {
                w[row + j] += scale * v[j];
            }
        }
        double invLambda = 1.0 / config.forgetting();
        double trace = 0.0;
        double minDiag = Double.POSITIVE_INFINITY;
        for (int i = 0, k = 0; i < f; i++) {
            double vi = v[i] * invKappa;
            double diag = (p[k] - vi * v[i]) * invLambda;
            p[k++] = diag;
            for (int j = i + 1; j < f; j++, k++) {
                p[k] = (p[k] - vi * v[j]) * invLambda;
            }
            trace += diag;
            minDiag = Math.min(minDiag, diag);
        }
        if (!(minDiag > 0) || !Double.isFinite(trace)) {
            resets++;
            resetP();
        } else if (trace > maxTrace) {
            double scale = maxTrace / trace;
            for (int k = 0; k < p.length; k++) {
                p[k] *= scale;
            }
            rescales++;
        }
        updates++;
    }

    /** v = P φ from the packed upper triangle (each stored P_ij, j > i, serves row i and row j); returns λ + φᵀ v. */
    private double gain(double[] phi) {
        java.util.Arrays.fill(v, 0.0);
        for (int i = 0, k = 0; i < f; i++) {
            double pi = phi[i];
            double acc = v[i] + p[k++] * pi;
            for (int j = i + 1; j < f; j++, k++) {
                double pij = p[k];
                acc += pij * phi[j];
                v[j] += pij * pi;
            }
            v[i] = acc;
        }
        double kappa = config.forgetting();
        for (int i = 0; i < f; i++) {
            kappa += phi[i] * v[i];
        }
        return kappa;
    }

    private void resetP() {
        Arrays.fill(p, 0.0);
        double d = 1.0 / config.delta();
        for (int i = 0; i < f; i++) {
            p[diagonal(i)] = d;
        }
    }

    /** Index of P_ii in the packed upper triangle (row-major: row i holds P_ii … P_i,F−1). */
    private int diagonal(int i) {
        return i * f - i * (i - 1) / 2;
    }

    @Override
    public void refit(RidgeAccumulator acc, double ridge) {
        if (acc.features() != f || acc.outputs() != m) {
            throw new IllegalArgumentException("ridge accumulator is " + acc.features() + "x" + acc.outputs()
                    + ", readout is " + f + "x" + m);
        }
        double[] full = new double[f * f];
        acc.solve(ridge, w, full);
        for (int i = 0, k = 0; i < f; i++) {
            for (int j = i; j < f; j++) {
                p[k++] = full[i * f + j];
            }
        }
    }

    @Override
    public long updates() {
        return updates;
    }

    /** Times P was rescaled by the trace bound. */
    public long rescales() {
        return rescales;
    }

    /** Times P was reset to I/δ because it lost positive definiteness or overflowed. */
    public long resets() {
        return resets;
    }

    /** trace(P). */
    public double trace() {
        double t = 0.0;
        for (int i = 0; i < f; i++) {
            t += p[diagonal(i)];
        }
        return t;
    }

    /** P expanded to F×F row-major (a copy; P is stored once, as its upper triangle). */
    public double[] inverseCorrelation() {
        double[] full = new double[f * f];
        for (int i = 0, k = 0; i < f; i++) {
            for (int j = i; j < f; j++, k++) {
                full[i * f + j] = p[k];
                full[j * f + i] = p[k];
            }
        }
        return full;
    }

    @Override
    public double[] weights() {
        return w.clone();
    }

    @Override
    public RlsReadout copy() {
        RlsReadout c = new RlsReadout(config, f, m);
        System.arraycopy(p, 0, c.p, 0, p.length);
        System.arraycopy(w, 0, c.w, 0, w.length);
        c.updates = updates;
        c.rescales = rescales;
        c.resets = resets;
        return c;
    }

    @Override
    public boolean sameState(Readout other) {
        return other instanceof RlsReadout r && r.config.equals(config) && r.f == f && r.m == m
                && r.updates == updates && r.rescales == rescales && r.resets == resets && Arrays.equals(r.p, p)
                && Arrays.equals(r.w, w);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeLong(updates);
        out.writeLong(rescales);
        out.writeLong(resets);
        for (double x : p) {
            out.writeDouble(x);
        }
        for (double x : w) {
            out.writeDouble(x);
        }
    }

    @Override
    public int serializedSize() {
        return 3 * Long.BYTES + (f * (f + 1) / 2 + m * f) * Double.BYTES;
    }

    static RlsReadout read(RlsConfig config, DataInput in, int features, int outputs) throws IOException {
        RlsReadout r = new RlsReadout(config, features, outputs);
        r.updates = in.readLong();
        r.rescales = in.readLong();
        r.resets = in.readLong();
        for (int k = 0; k < r.p.length; k++) {
            r.p[k] = in.readDouble();
        }
        for (int k = 0; k < r.w.length; k++) {
            r.w[k] = in.readDouble();
        }
        return r;
    }
}
