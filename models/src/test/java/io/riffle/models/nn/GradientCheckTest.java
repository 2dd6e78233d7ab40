package io.riffle.models.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Analytic gradients of the float kernels against central finite differences of independent double-precision
 * reference implementations (written out here from the equations, not calling the kernels), with the same weights.
 */
class GradientCheckTest {
    private static final double H = 1e-6;

    @Test
    void gruParameterInputAndStateGradientsMatchFiniteDifferences() {
        int in = 7;
        int hid = 5;
        int rows = 3;
        ParameterLayout layout = new ParameterLayout();
        layout.reserve("pad", 3);
        GruCell gru = new GruCell(layout, "gru", in, hid);
        float[] theta = new float[layout.size()];
        Rng rng = new Rng(1);
        gru.initialize(theta, rng);
        float[] x = randomArray(rows * in, rng, 1.0);
        float[] h = randomArray(rows * hid, rng, 0.8);
        float[] c = randomArray(rows * hid, rng, 1.0);

        float[] hOut = new float[rows * hid];
        float[] cache = new float[rows * gru.cacheWidth()];
        gru.forward(theta, x, h, rows, hOut, cache);
        float[] grad = new float[theta.length];
        float[] dx = new float[rows * in];
        float[] dh = new float[rows * hid];
        gru.backward(theta, grad, x, h, cache, c, rows, dx, 0, in, dh, new float[gru.workSize(3)]);

        double[] th = toDouble(theta);
        double[] xd = toDouble(x);
        double[] hd = toDouble(h);
        ToDoubleFunction<double[]> lossOfTheta = t -> dot(refGru(t, 3, in, hid, xd, hd, rows), c);
        ToDoubleFunction<double[]> lossOfX = xx -> dot(refGru(th, 3, in, hid, xx, hd, rows), c);
        ToDoubleFunction<double[]> lossOfH = hh -> dot(refGru(th, 3, in, hid, xd, hh, rows), c);

        // forward agrees with the reference
        double[] ref = refGru(th, 3, in, hid, xd, hd, rows);
        for (int i = 0; i < ref.length; i++) {
            assertThat((double) hOut[i]).isCloseTo(ref[i], org.assertj.core.api.Assertions.within(1e-5));
        }
        for (int i = 3; i < theta.length; i++) {
            assertClose(grad[i], numeric(lossOfTheta, th, i), "dθ[" + i + "]");
        }
        for (int i = 0; i < 3; i++) {
            assertThat(grad[i]).isZero();
        }
        for (int i = 0; i < x.length; i++) {
            assertClose(dx[i], numeric(lossOfX, xd, i), "dx[" + i + "]");
        }
        for (int i = 0; i < h.length; i++) {
            assertClose(dh[i], numeric(lossOfH, hd, i), "dh[" + i + "]");
        }
    }

    @Test
    void gruComputesOnlyTheRequestedInputColumns() {
        ParameterLayout layout = new ParameterLayout();
        GruCell gru = new GruCell(layout, "gru", 6, 4);
        float[] theta = new float[layout.size()];
        Rng rng = new Rng(2);
        gru.initialize(theta, rng);
        float[] x = randomArray(6, rng, 1);
        float[] h = randomArray(4, rng, 1);
        float[] cache = new float[gru.cacheWidth()];
        gru.forward(theta, x, h, 1, new float[4], cache);
        float[] full = new float[6];
        float[] part = new float[6];
        java.util.Arrays.fill(part, 42f);
        float[] c = randomArray(4, rng, 1);
        gru.backward(theta, new float[theta.length], x, h, cache, c, 1, full, 0, 6, null, new float[gru.workSize(3)]);
        gru.backward(theta, new float[theta.length], x, h, cache, c, 1, part, 2, 5, null, new float[gru.workSize(3)]);
        assertThat(part[0]).isEqualTo(42f);
        assertThat(part[5]).isEqualTo(42f);
        for (int k = 2; k < 5; k++) {
            assertThat(part[k]).isEqualTo(full[k]);
        }
    }

    @Test
    void timeEncoderGradientsMatchFiniteDifferences() {
        int dim = 6;
        ParameterLayout layout = new ParameterLayout();
        TimeEncoder enc = new TimeEncoder(layout, "time", dim);
        float[] theta = new float[layout.size()];
        enc.initialize(theta);
        Rng rng = new Rng(3);
        for (int k = 0; k < theta.length; k++) {
            theta[k] += rng.uniform(0.3); // move off the initial point so the phase gradient is not trivially 0
        }
        double[] dt = {0.0, 0.7, 3.5, 12.0};
        float[] c = randomArray(dt.length * dim, rng, 1);
        float[] out = new float[dt.length * (dim + 2)];
        enc.forward(theta, dt, dt.length, out, 1, dim + 2);
        for (int r = 0; r < dt.length; r++) {
            for (int k = 0; k < dim; k++) {
                assertThat(out[1 + r * (dim + 2) + k]).isCloseTo(
                        (float) Math.cos(theta[k] * dt[r] + theta[dim + k]), org.assertj.core.api.Assertions.within(1e-6f));
            }
        }
        float[] dOut = new float[out.length];
        for (int r = 0; r < dt.length; r++) {
            System.arraycopy(c, r * dim, dOut, 1 + r * (dim + 2), dim);
        }
        float[] grad = new float[theta.length];
        enc.backward(theta, grad, dt, dt.length, dOut, 1, dim + 2);
        double[] th = toDouble(theta);
        ToDoubleFunction<double[]> loss = t -> {
            double s = 0;
            for (int r = 0; r < dt.length; r++) {
                for (int k = 0; k < dim; k++) {
                    s += c[r * dim + k] * Math.cos(t[k] * dt[r] + t[dim + k]);
                }
            }
            return s;
        };
        for (int i = 0; i < theta.length; i++) {
            assertClose(grad[i], numeric(loss, th, i), "dθ[" + i + "]");
        }
    }

    @Test
    void twoLayerReluDecoderGradientsMatchFiniteDifferences() {
        int in = 9;
        int hidden = 6;
        int rows = 4;
        ParameterLayout layout = new ParameterLayout();
        Linear l1 = new Linear(layout, "l1", in, hidden);
        Linear l2 = new Linear(layout, "l2", hidden, 1);
        float[] theta = new float[layout.size()];
        Rng rng = new Rng(4);
        l1.initialize(theta, rng);
        l2.initialize(theta, rng);
        float[] x = randomArray(rows * in, rng, 1);
        float[] c = randomArray(rows, rng, 1);
        float[] a = new float[rows * hidden];
        float[] y = new float[rows];
        l1.forward(theta, x, rows, a);
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.max(0f, a[i]);
        }
        l2.forward(theta, a, rows, y);
        float[] grad = new float[theta.length];
        float[] da = new float[rows * hidden];
        l2.backward(theta, grad, a, c, rows, da);
        for (int i = 0; i < a.length; i++) {
            if (a[i] <= 0) {
                da[i] = 0;
            }
        }
        float[] dx = new float[rows * in];
        l1.backward(theta, grad, x, da, rows, dx);

        double[] th = toDouble(theta);
        double[] xd = toDouble(x);
        ToDoubleFunction<double[]> lossOfTheta = t -> dot(refMlp(t, l1.offset(), l2.offset(), in, hidden, xd, rows), c);
        ToDoubleFunction<double[]> lossOfX = xx -> dot(refMlp(th, l1.offset(), l2.offset(), in, hidden, xx, rows), c);
        double[] ref = refMlp(th, l1.offset(), l2.offset(), in, hidden, xd, rows);
        for (int r = 0; r < rows; r++) {
            assertThat((double) y[r]).isCloseTo(ref[r], org.assertj.core.api.Assertions.within(1e-5));
        }
        for (int i = 0; i < theta.length; i++) {
            assertClose(grad[i], numeric(lossOfTheta, th, i), "dθ[" + i + "]");
        }
        for (int i = 0; i < x.length; i++) {
            assertClose(dx[i], numeric(lossOfX, xd, i), "dx[" + i + "]");
        }
    }

    @Test
    void attentionGradientsMatchFiniteDifferences() {
        int in = 5;
        int attn = 4;
        int out = 3;
        int keys = 3;
        ParameterLayout layout = new ParameterLayout();
        SingleHeadAttention att = new SingleHeadAttention(layout, "att", in, attn, out, 4);
        float[] theta = new float[layout.size()];
        Rng rng = new Rng(5);
        for (int i = 0; i < theta.length; i++) {
            theta[i] = rng.uniform(0.7); // non-zero output projection so every block gets a gradient
        }
        float[] q = randomArray(in, rng, 1);
        float[] n = randomArray(keys * in, rng, 1);
        float[] c = randomArray(out, rng, 1);
        float[] result = new float[out];
        float[] cache = new float[att.cacheSize(keys)];
        att.forward(theta, q, n, keys, result, cache);
        float[] grad = new float[theta.length];
        float[] dq = new float[in];
        float[] dn = new float[keys * in];
        att.backward(theta, grad, q, n, keys, cache, c, dq, dn, 0, in);

        double[] th = toDouble(theta);
        double[] qd = toDouble(q);
        double[] nd = toDouble(n);
        ToDoubleFunction<double[]> lossOfTheta = t -> dot(refAttention(t, in, attn, out, qd, nd, keys), c);
        ToDoubleFunction<double[]> lossOfQ = qq -> dot(refAttention(th, in, attn, out, qq, nd, keys), c);
        ToDoubleFunction<double[]> lossOfN = nn -> dot(refAttention(th, in, attn, out, qd, nn, keys), c);
        double[] ref = refAttention(th, in, attn, out, qd, nd, keys);
        for (int i = 0; i < out; i++) {
            assertThat((double) result[i]).isCloseTo(ref[i], org.assertj.core.api.Assertions.within(1e-5));
        }
        for (int i = 0; i < theta.length; i++) {
            assertClose(grad[i], numeric(lossOfTheta, th, i), "dθ[" + i + "]");
        }
        for (int i = 0; i < in; i++) {
            assertClose(dq[i], numeric(lossOfQ, qd, i), "dq[" + i + "]");
        }
        for (int i = 0; i < n.length; i++) {
            assertClose(dn[i], numeric(lossOfN, nd, i), "dn[" + i + "]");
        }
    }

    @Test
    void attentionStartsSwitchedOffAndIgnoresEmptyKeySets() {
        ParameterLayout layout = new ParameterLayout();
        SingleHeadAttention att = new SingleHeadAttention(layout, "att", 4, 3, 2, 2);
        float[] theta = new float[layout.size()];
        att.initialize(theta, new Rng(6));
        float[] result = {9f, 9f};
        att.forward(theta, new float[] {1, 2, 3, 4}, new float[] {1, 1, 1, 1, 2, 2, 2, 2}, 2, result,
                new float[att.cacheSize(2)]);
        assertThat(result).containsExactly(0f, 0f);
        result[0] = 9f;
        att.forward(theta, new float[4], new float[0], 0, result, new float[att.cacheSize(0)]);
        assertThat(result).containsExactly(0f, 0f);
    }

    // ---------------------------------------------------------------- double references

    /** GRU per the equations; W (in×3h), U (h×3h), b, c at {@code off}. */
    static double[] refGru(double[] t, int off, int in, int hid, double[] x, double[] h, int rows) {
        int g = 3 * hid;
        int w = off;
        int u = w + in * g;
        int b = u + hid * g;
        int c = b + g;
        double[] out = new double[rows * hid];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < hid; j++) {
                double[] gx = new double[3];
                double[] gh = new double[3];
                for (int gate = 0; gate < 3; gate++) {
                    int col = gate * hid + j;
                    double sx = t[b + col];
                    for (int k = 0; k < in; k++) {
                        sx += x[r * in + k] * t[w + k * g + col];
                    }
                    double sh = t[c + col];
                    for (int k = 0; k < hid; k++) {
                        sh += h[r * hid + k] * t[u + k * g + col];
                    }
                    gx[gate] = sx;
                    gh[gate] = sh;
                }
                double rg = 1 / (1 + Math.exp(-(gx[0] + gh[0])));
                double zg = 1 / (1 + Math.exp(-(gx[1] + gh[1])));
                double ng = Math.tanh(gx[2] + rg * gh[2]);
                out[r * hid + j] = (1 - zg) * ng + zg * h[r * hid + j];
            }
        }
        return out;
    }

    static double[] refMlp(double[] t, int o1, int o2, int in, int hid, double[] x, int rows) {
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s2 = t[o2 + hid];
            for (int j = 0; j < hid; j++) {
                double s = t[o1 + in * hid + j];
                for (int k = 0; k < in; k++) {
                    s += x[r * in + k] * t[o1 + k * hid + j];
                }
                s2 += Math.max(0, s) * t[o2 + j];
            }
            y[r] = s2;
        }
        return y;
    }

    static double[] refLinear(double[] t, int off, int in, int out, double[] x) {
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double s = t[off + in * out + o];
            for (int k = 0; k < in; k++) {
                s += x[k] * t[off + k * out + o];
            }
            y[o] = s;
        }
        return y;
    }

    static double[] refAttention(double[] t, int in, int attn, int out, double[] q, double[] n, int keys) {
        int qOff = 0;
        int kOff = qOff + in * attn + attn;
        int vOff = kOff + in * attn + attn;
        int oOff = vOff + in * attn + attn;
        double[] qq = refLinear(t, qOff, in, attn, q);
        double[] scores = new double[keys];
        double[][] vs = new double[keys][];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < keys; j++) {
            double[] row = java.util.Arrays.copyOfRange(n, j * in, (j + 1) * in);
            double[] kk = refLinear(t, kOff, in, attn, row);
            vs[j] = refLinear(t, vOff, in, attn, row);
            double s = 0;
            for (int a = 0; a < attn; a++) {
                s += qq[a] * kk[a];
            }
            scores[j] = s / Math.sqrt(attn);
            max = Math.max(max, scores[j]);
        }
        double sum = 0;
        for (int j = 0; j < keys; j++) {
            scores[j] = Math.exp(scores[j] - max);
            sum += scores[j];
        }
        double[] hh = new double[attn];
        for (int j = 0; j < keys; j++) {
            for (int a = 0; a < attn; a++) {
                hh[a] += scores[j] / sum * vs[j][a];
            }
        }
        return refLinear(t, oOff, attn, out, hh);
    }

    // ---------------------------------------------------------------- helpers

    static double numeric(ToDoubleFunction<double[]> f, double[] at, int i) {
        double[] p = at.clone();
        p[i] = at[i] + H;
        double up = f.applyAsDouble(p);
        p[i] = at[i] - H;
        double down = f.applyAsDouble(p);
        return (up - down) / (2 * H);
    }

    static void assertClose(float analytic, double numeric, String what) {
        double tolerance = 2e-4 + 2e-3 * Math.abs(numeric);
        assertThat((double) analytic).as(what).isCloseTo(numeric, org.assertj.core.api.Assertions.within(tolerance));
    }

    static float[] randomArray(int n, Rng rng, double bound) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.uniform(bound);
        }
        return a;
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    static double dot(double[] a, float[] c) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * c[i];
        }
        return s;
    }
}
