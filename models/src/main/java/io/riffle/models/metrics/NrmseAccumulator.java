package io.riffle.models.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Streaming NRMSE of d-dimensional forecasts: per dimension, the sum of squared errors and the targets' running mean
 * and sum of squared deviations (Welford 1962), so that
 *
 * <pre>
 *   NRMSE_k = sqrt( SSE_k / M2_k )        = RMSE_k / σ_k   (σ_k: population std of the targets of dimension k)
 *   NRMSE   = sqrt( Σ_k SSE_k / Σ_k M2_k )                  (pooled over dimensions; equals NRMSE_0 when d = 1)
 * </pre>
 *
 * The normalisation is the standard deviation of the targets seen by this accumulator (see {@link Nrmse}).
 *
 * <p>Closed-form estimator shape: {@link #add} (increment), {@link #nrmse()} (result), {@link #copy}, {@link #merge}
 * (Chan, Golub and LeVeque 1979 for M2), so per-key accumulators merge into a global one. {@link #add} rejects
 * non-finite values with {@link IllegalArgumentException}, state unchanged. Results are NaN before two points.
 */
public final class NrmseAccumulator {
    private static final int FORMAT = 1;

    private final int dims;
    private long count;
    private final double[] sse;
    private final double[] mean;
    private final double[] m2;

    public NrmseAccumulator(int dims) {
        if (dims < 1) {
            throw new IllegalArgumentException("nrmse dims must be >= 1, got " + dims);
        }
        this.dims = dims;
        this.sse = new double[dims];
        this.mean = new double[dims];
        this.m2 = new double[dims];
    }

    public int dims() {
        return dims;
    }

    public long count() {
        return count;
    }

    /** Records one forecast {@code predicted[0..d)} of {@code actual[0..d)}. */
    public void add(double[] predicted, double[] actual) {
        if (predicted.length < dims || actual.length < dims) {
            throw new IllegalArgumentException("nrmse add needs " + dims + " values, got " + predicted.length
                    + " and " + actual.length);
        }
        for (int k = 0; k < dims; k++) {
            if (!Double.isFinite(predicted[k]) || !Double.isFinite(actual[k])) {
                throw new IllegalArgumentException("nrmse add got a non-finite value in dimension " + k + ": "
                        + predicted[k] + " vs " + actual[k]);
            }
        }
        count++;
        for (int k = 0; k < dims; k++) {
            double e = predicted[k] - actual[k];
            sse[k] += e * e;
            double delta = actual[k] - mean[k];
            mean[k] += delta / count;
            m2[k] += delta * (actual[k] - mean[k]);
        }
    }

    /** One-dimensional convenience. */
    public void add(double predicted, double actual) {
        if (dims != 1) {
            throw new IllegalArgumentException("scalar add on a " + dims + "-dimensional nrmse accumulator");
        }
        if (!Double.isFinite(predicted) || !Double.isFinite(actual)) {
            throw new IllegalArgumentException("nrmse add got a non-finite value: " + predicted + " vs " + actual);
        }
        count++;
        double e = predicted - actual;
        sse[0] += e * e;
        double delta = actual - mean[0];
        mean[0] += delta / count;
        m2[0] += delta * (actual - mean[0]);
    }

    public double rmse() {
        if (count == 0) {
            return Double.NaN;
        }
        double s = 0.0;
        for (double x : sse) {
            s += x;
        }
        return Math.sqrt(s / (count * (double) dims));
    }

    public double rmse(int dim) {
        return count == 0 ? Double.NaN : Math.sqrt(sse[dim] / count);
    }

    /** Pooled NRMSE (see the class comment); NaN before two points or when the targets are constant. */
    public double nrmse() {
        if (count < 2) {
            return Double.NaN;
        }
        double s = 0.0;
        double v = 0.0;
        for (int k = 0; k < dims; k++) {
            s += sse[k];
            v += m2[k];
        }
        return v > 0 ? Math.sqrt(s / v) : Double.NaN;
    }

    public double nrmse(int dim) {
        return count < 2 || !(m2[dim] > 0) ? Double.NaN : Math.sqrt(sse[dim] / m2[dim]);
    }

    /** Adds {@code other}'s points into this one (parallel variance combination). */
    public void merge(NrmseAccumulator other) {
        if (other.dims != dims) {
            throw new IllegalArgumentException("cannot merge a " + other.dims + "-dimensional nrmse accumulator into a "
                    + dims + "-dimensional one");
        }
        if (other.count == 0) {
            return;
        }
        long n = count + other.count;
        for (int k = 0; k < dims; k++) {
            double delta = other.mean[k] - mean[k];
            m2[k] += other.m2[k] + delta * delta * ((double) count * other.count / n);
            mean[k] += delta * other.count / n;
            sse[k] += other.sse[k];
        }
        count = n;
    }

    public NrmseAccumulator copy() {
        NrmseAccumulator c = new NrmseAccumulator(dims);
        c.count = count;
        System.arraycopy(sse, 0, c.sse, 0, dims);
        System.arraycopy(mean, 0, c.mean, 0, dims);
        System.arraycopy(m2, 0, c.m2, 0, dims);
        return c;
    }

    public boolean sameState(NrmseAccumulator o) {
        return o.dims == dims && o.count == count && Arrays.equals(o.sse, sse) && Arrays.equals(o.mean, mean)
                && Arrays.equals(o.m2, m2);
    }

    /** Format, dims, count, then sse, mean, m2 per dimension. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(FORMAT);
        out.writeInt(dims);
        out.writeLong(count);
        for (int k = 0; k < dims; k++) {
            out.writeDouble(sse[k]);
            out.writeDouble(mean[k]);
            out.writeDouble(m2[k]);
        }
    }

    public int serializedSize() {
        return 2 * Integer.BYTES + Long.BYTES + 3 * dims * Double.BYTES;
    }

    public static NrmseAccumulator read(DataInput in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("unknown nrmse-accumulator format " + format + " (this build reads " + FORMAT + ")");
        }
        NrmseAccumulator a = new NrmseAccumulator(in.readInt());
        a.count = in.readLong();
        for (int k = 0; k < a.dims; k++) {
            a.sse[k] = in.readDouble();
            a.mean[k] = in.readDouble();
            a.m2[k] = in.readDouble();
        }
        return a;
    }
}
