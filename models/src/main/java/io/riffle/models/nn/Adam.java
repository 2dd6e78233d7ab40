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
 * <p>Moments and arithmetic are float (bias corrections in double). With {@link AdamConfig#clipNorm()} > 0 the gradient
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
        double norm = Math.sqrt(sumOfSquares(grads));
        if (!Double.isFinite(norm)) {
            throw new IllegalArgumentException("adam gradient holds NaN or infinity; parameters left unchanged");
        }
        float scale = config.clipNorm() > 0 && norm > config.clipNorm() ? (float) (config.clipNorm() / norm) : 1f;
        steps++;
        double c1 = 1 - Math.pow(config.beta1(), steps);
        double c2 = 1 - Math.pow(config.beta2(), steps);
        float rate = (float) (config.learningRate() * Math.sqrt(c2) / c1);
        float eps = (float) (config.epsilon() * Math.sqrt(c2));
        float b1 = (float) config.beta1();
        float b2 = (float) config.beta2();
        float a1 = 1f - b1;
        float a2 = 1f - b2;
        float[] mm = m;
        float[] vv = v;
        // One float loop without branches, which C2 vectorises (the double version ran 6x slower).
        for (int i = 0; i < params.length; i++) {
            float g = grads[i] * scale;
            float mi = b1 * mm[i] + a1 * g;
            float vi = b2 * vv[i] + a2 * g * g;
            mm[i] = mi;
            vv[i] = vi;
            params[i] -= rate * mi / ((float) Math.sqrt(vi) + eps);
        }
        return norm;
    }

    private static double sumOfSquares(float[] g) {
        // four independent partial sums keep the reduction from serialising on one register
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < g.length; i += 4) {
            s0 += g[i] * g[i];
            s1 += g[i + 1] * g[i + 1];
            s2 += g[i + 2] * g[i + 2];
            s3 += g[i + 3] * g[i + 3];
        }
        double s = (double) s0 + s1 + s2 + s3;
        for (; i < g.length; i++) {
            s += (double) g[i] * g[i];
        }
        return s;
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
