package io.riffle.models.readout;

import io.riffle.models.reservoir.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The sufficient statistics of (exponentially weighted) ridge regression, and its exact solution (Hoerl and Kennard
 * 1970; the offline ESN readout of Lukoševičius 2012, §4.1):
 *
 * <pre>
 *   increment(φ, y):   A ← λ A + φ φᵀ      B ← λ B + φ yᵀ      n ← n + 1
 *   result(α):         W = ((A + α I)⁻¹ B)ᵀ                      (Cholesky, EJML)
 * </pre>
 *
 * <p>With λ equal to an {@link RlsReadout}'s forgetting factor, A and B are exactly the weighted sums RLS tracks, so
 * {@link Readout#refit} can periodically replace the RLS solution with the exact one (and P with (A + αI)⁻¹),
 * discarding accumulated rounding. With λ = 1 it is plain batch ridge regression, and {@link #merge} of accumulators
 * over disjoint data equals one accumulator over all of it (the order of addition aside). With λ &lt; 1 a merge is only
 * meaningful between accumulators aligned at the same time step.
 *
 * <p>A is kept full (F×F row-major, exactly symmetric by the same argument as in {@link RlsReadout}); B is F×m
 * row-major. {@link #increment} costs F² + mF flops and allocates nothing; {@link #result} costs F³/3 and allocates.
 * NaN or infinite φ or y is rejected with {@link IllegalArgumentException}, state unchanged.
 */
public final class RidgeAccumulator {
    private static final int FORMAT = 1;

    private final int f;
    private final int m;
    private final double forgetting;
    private final double[] a;
    private final double[] b;
    private long count;

    public RidgeAccumulator(int features, int outputs, double forgetting) {
        Checks.atLeast("ridge features", features, 1);
        Checks.atLeast("ridge outputs", outputs, 1);
        Checks.inHalfOpen("ridge forgetting", forgetting, 0, 1);
        this.f = features;
        this.m = outputs;
        this.forgetting = forgetting;
        this.a = new double[features * features];
        this.b = new double[features * outputs];
    }

    public int features() {
        return f;
    }

    public int outputs() {
        return m;
    }

    public double forgetting() {
        return forgetting;
    }

    public long count() {
        return count;
    }

    /** Adds one pair (features {@code phi}[0..F), target {@code y}[0..m)). */
    public void increment(double[] phi, double[] y) {
        if (phi.length < f || y.length < m) {
            throw new IllegalArgumentException("ridge increment needs " + f + " features and " + m
                    + " targets, got " + phi.length + " and " + y.length);
        }
        for (int j = 0; j < f; j++) {
            if (!Double.isFinite(phi[j])) {
                throw new IllegalArgumentException("ridge feature " + j + " is " + phi[j]
                        + ": non-finite values are rejected");
            }
        }
        for (int o = 0; o < m; o++) {
            if (!Double.isFinite(y[o])) {
                throw new IllegalArgumentException("ridge target " + o + " is " + y[o]
                        + ": non-finite values are rejected");
            }
        }
        double lambda = forgetting;
        for (int i = 0; i < f; i++) {
            double pi = phi[i];
            int row = i * f;
            if (lambda == 1.0) {
                for (int j = 0; j < f; j++) {
                    a[row + j] += pi * phi[j];
                }
            } else {
                for (int j = 0; j < f; j++) {
                    a[row + j] = lambda * a[row + j] + pi * phi[j];
                }
            }
            int brow = i * m;
            for (int o = 0; o < m; o++) {
                b[brow + o] = lambda * b[brow + o] + pi * y[o];
            }
        }
        count++;
    }

    /** The ridge weights W (m×F row-major) for penalty {@code ridge} ≥ 0. */
    public double[] result(double ridge) {
        double[] w = new double[m * f];
        solve(ridge, w, null);
        return w;
    }

    /**
     * Solves (A + αI) X = B by Cholesky; writes W = Xᵀ into {@code wOut} (m×F) and, when {@code pOut} is not null,
     * (A + αI)⁻¹ into it (F×F, symmetrised exactly).
     *
     * @throws IllegalStateException when A + αI is not positive definite (α = 0 with too few or collinear pairs)
     */
    public void solve(double ridge, double[] wOut, double[] pOut) {
        Checks.nonNegative("ridge penalty", ridge);
        DMatrixRMaj lhs = new DMatrixRMaj(f, f, true, a.clone());
        for (int i = 0; i < f; i++) {
            lhs.data[i * f + i] += ridge;
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(f);
        if (!solver.setA(solver.modifiesA() ? lhs.copy() : lhs)) {
            throw new IllegalStateException("ridge system is not positive definite (features=" + f + ", pairs="
                    + count + ", penalty=" + ridge + "): use a penalty > 0");
        }
        DMatrixRMaj rhs = new DMatrixRMaj(f, m, true, b.clone());
        DMatrixRMaj x = new DMatrixRMaj(f, m);
        solver.solve(solver.modifiesB() ? rhs.copy() : rhs, x);
        for (int o = 0; o < m; o++) {
            for (int j = 0; j < f; j++) {
                wOut[o * f + j] = x.data[j * m + o];
            }
        }
        if (pOut != null) {
            DMatrixRMaj inv = new DMatrixRMaj(f, f);
            solver.invert(inv);
            for (int i = 0; i < f; i++) {
                for (int j = i; j < f; j++) {
                    double s = 0.5 * (inv.data[i * f + j] + inv.data[j * f + i]);
                    pOut[i * f + j] = s;
                    pOut[j * f + i] = s;
                }
            }
        }
    }

    /** Adds {@code other}'s sums into this one (same shape and forgetting; see the class comment for λ &lt; 1). */
    public void merge(RidgeAccumulator other) {
        if (other.f != f || other.m != m || other.forgetting != forgetting) {
            throw new IllegalArgumentException("cannot merge a " + other.f + "x" + other.m + " (λ=" + other.forgetting
                    + ") ridge accumulator into a " + f + "x" + m + " (λ=" + forgetting + ") one");
        }
        for (int k = 0; k < a.length; k++) {
            a[k] += other.a[k];
        }
        for (int k = 0; k < b.length; k++) {
            b[k] += other.b[k];
        }
        count += other.count;
    }

    public RidgeAccumulator copy() {
        RidgeAccumulator c = new RidgeAccumulator(f, m, forgetting);
        System.arraycopy(a, 0, c.a, 0, a.length);
        System.arraycopy(b, 0, c.b, 0, b.length);
        c.count = count;
        return c;
    }

    public boolean sameState(RidgeAccumulator other) {
        return other.f == f && other.m == m && other.forgetting == forgetting && other.count == count
                && Arrays.equals(other.a, a) && Arrays.equals(other.b, b);
    }

    /** Format, shape, λ, count, A's upper triangle (row by row), B. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(FORMAT);
        out.writeInt(f);
        out.writeInt(m);
        out.writeDouble(forgetting);
        out.writeLong(count);
        for (int i = 0; i < f; i++) {
            for (int j = i; j < f; j++) {
                out.writeDouble(a[i * f + j]);
            }
        }
        for (double x : b) {
            out.writeDouble(x);
        }
    }

    public int serializedSize() {
        return 3 * Integer.BYTES + Double.BYTES + Long.BYTES + (f * (f + 1) / 2 + f * m) * Double.BYTES;
    }

    public static RidgeAccumulator read(DataInput in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("unknown ridge-accumulator format " + format + " (this build reads " + FORMAT + ")");
        }
        RidgeAccumulator r = new RidgeAccumulator(in.readInt(), in.readInt(), in.readDouble());
        r.count = in.readLong();
        int f = r.f;
        for (int i = 0; i < f; i++) {
            for (int j = i; j < f; j++) {
                double x = in.readDouble();
                r.a[i * f + j] = x;
                r.a[j * f + i] = x;
            }
        }
        for (int k = 0; k < r.b.length; k++) {
            r.b[k] = in.readDouble();
        }
        return r;
    }
}
