package io.riffle.models.nn;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The Adam optimiser over one flat parameter vector (Kingma and Ba 2015, Algorithm 1):
 *
 * <pre>
 *   m ← β1 m + (1 − β1) g;   v ← β2 v + (1 − β2) g²
 *   θ ← θ − α √(1 − β2^t) / (1 − β1^t) · m / (√v + ε̂)      (the paper's "efficient" ordering, ε̂ = ε √(1 − β2^t))
 * </pre>
 *
 * <p>Moments are floats, arithmetic per coordinate in double. With {@link AdamConfig#clipNorm()} > 0 the gradient
 * is first scaled to that global L2 norm if it is longer (Pascanu et al. 2013). {@link #step} refuses a gradient
 * that holds NaN or infinity with {@link IllegalArgumentException} and leaves parameters and moments unchanged.
 */
public final class Adam {
    private final AdamConfig config;
    private final float[] m;
    private final float[] v;
    private long steps;

    public Adam(AdamConfig config, int size) {
        this.config = config;
        this.m = new float[size];
        this.v = new float[size];
    }

    public AdamConfig config() {
        return config;
    }

    public int size() {
        return m.length;
    }

    /** Number of steps taken (t in the paper). */
    public long steps() {
        return steps;
    }

    /**
     * One Adam step: updates {@code params} in place from {@code grads} (both {@link #size()} long); reads
     * {@code grads} only.
     *
     * @return the gradient's global L2 norm before clipping
     */
    public double step(float[] params, float[] grads) {
        if (params.length != m.length || grads.length != m.length) {
            throw new IllegalArgumentException("adam expects " + m.length + " parameters and gradients, got "
                    + params.length + " and " + grads.length);
        }
        double sumSq = 0;
        for (float g : grads) {
            sumSq += (double) g * g;
        }
        double norm = Math.sqrt(sumSq);
        if (!Double.isFinite(norm)) {
            throw new IllegalArgumentException("adam gradient holds NaN or infinity; parameters left unchanged");
        }
        double scale = config.clipNorm() > 0 && norm > config.clipNorm() ? config.clipNorm() / norm : 1.0;
        steps++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        double c1 = 1 - Math.pow(b1, steps);
        double c2 = 1 - Math.pow(b2, steps);
        double rate = config.learningRate() * Math.sqrt(c2) / c1;
        double eps = config.epsilon() * Math.sqrt(c2);
        for (int i = 0; i < params.length; i++) {
            double g = grads[i] * scale;
            double mi = b1 * m[i] + (1 - b1) * g;
            double vi = b2 * v[i] + (1 - b2) * g * g;
            m[i] = (float) mi;
            v[i] = (float) vi;
            params[i] = (float) (params[i] - rate * mi / (Math.sqrt(vi) + eps));
        }
        return norm;
    }

    /** An independent copy with equal moments and step count. */
    public Adam copy() {
        Adam c = new Adam(config, m.length);
        System.arraycopy(m, 0, c.m, 0, m.length);
        System.arraycopy(v, 0, c.v, 0, v.length);
        c.steps = steps;
        return c;
    }

    /** True when both have equal settings and bit-identical moments and step count. */
    public boolean sameState(Adam other) {
        return config.equals(other.config) && steps == other.steps && Arrays.equals(m, other.m)
                && Arrays.equals(v, other.v);
    }

    /** Writes the step count, then m and v (the size is the caller's to record). */
    public void write(DataOutput out) throws IOException {
        out.writeLong(steps);
        for (float x : m) {
            out.writeFloat(x);
        }
        for (float x : v) {
            out.writeFloat(x);
        }
    }

    /** Reads what {@link #write} wrote, for an optimiser of the same size. */
    public void read(DataInput in) throws IOException {
        long s = in.readLong();
        if (s < 0) {
            throw new IOException("adam step count must be >= 0, got " + s);
        }
        steps = s;
        for (int i = 0; i < m.length; i++) {
            m[i] = in.readFloat();
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
        }
    }
}
