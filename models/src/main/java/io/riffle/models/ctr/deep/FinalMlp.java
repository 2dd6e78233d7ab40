package io.riffle.models.ctr.deep;

import io.riffle.models.onnx.OnnxInitializers;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Riffle's pure-Java forward pass of a FinalMLP (Mao et al. 2023, "FinalMLP: An Enhanced Two-Stream MLP Model for
 * CTR Prediction"), with its weights read from the initializers of the ONNX file PyTorch exported (the layout of
 * {@code models/src/test/resources/onnx/finalmlp/finalmlp.py}):
 *
 * <pre>
 *   e      = [emb(id_f + offset_f) for each field f] ++ bid · v_bid                  field embeddings, [B, (F+1)·D]
 *   g_k    = 2 σ(MLP_k^gate(e_{context fields of k}))                               feature gating, stream k = 1, 2
 *   y_k    = MLP_k(e ⊙ g_k)                                                          two MLP streams (ReLU)
 *   logit  = w_x·y_1 + w_y·y_2 + b + Σ_h y_1,hᵀ W_h y_2,h                          multi-head bilinear aggregation
 *   p      = σ(logit)
 * </pre>
 *
 * <p>Arithmetic is in double (ONNX Runtime's is float32): scores agree with ONNX Runtime's and PyTorch's to about
 * 1e-6. {@link #forward} takes the model's input tensors as flat row-major arrays and a caller-owned output; the
 * working matrices are kept and reshaped per batch, so a warm instance allocates nothing. Not thread-safe. An id
 * outside its field's vocabulary throws; NaN bids propagate to the score.
 */
public final class FinalMlp {
    private final int fields;
    private final int buckets;
    private final int dim;
    private final long[] offsets;
    private final float[] embedding;
    private final float[] bidEmbedding;
    private final int[] context1;
    private final int[] context2;
    private final Dense[] gate1;
    private final Dense[] gate2;
    private final Dense[] mlp1;
    private final Dense[] mlp2;
    private final double[] wx;
    private final double[] wy;
    private final double bias;
    private final double[] wxy;
    private final int heads;
    private final int headX;
    private final int headY;
    private final int width;
    // Working matrices, reshaped per batch.
    private final DMatrixRMaj e = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj ctx1 = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj ctx2 = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj a = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj b = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj y1 = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj y2 = new DMatrixRMaj(1, 1);

    private final Dense.Kernel kernel;

    private FinalMlp(OnnxInitializers w, Dense.Kernel kernel) {
        this.kernel = kernel;
        List<String> fieldNames = List.of(w.require("riffle.fields").split(","));
        List<String> numeric = List.of(w.require("riffle.numeric").split(","));
        if (numeric.size() != 1) {
            throw new IllegalArgumentException("this forward pass takes one numeric field, the model has " + numeric);
        }
        fields = fieldNames.size();
        buckets = Integer.parseInt(w.require("riffle.buckets"));
        dim = Integer.parseInt(w.require("riffle.dim"));
        heads = Integer.parseInt(w.require("riffle.heads"));
        int[] hidden = Arrays.stream(w.require("riffle.hidden").split(",")).mapToInt(Integer::parseInt).toArray();
        width = (fields + 1) * dim;
        offsets = w.longs("offsets", fields);
        embedding = w.floats("emb.weight", (long) fields * buckets, dim);
        bidEmbedding = w.floats("bid_emb", 1, dim);
        context1 = Arrays.stream(w.longs("ctx1", w.require("riffle.ctx1").split(",").length))
                .mapToInt(Math::toIntExact).toArray();
        context2 = Arrays.stream(w.longs("ctx2", w.require("riffle.ctx2").split(",").length))
                .mapToInt(Math::toIntExact).toArray();
        gate1 = gate(w, "gate1", context1.length * dim);
        gate2 = gate(w, "gate2", context2.length * dim);
        mlp1 = mlp(w, "mlp1", hidden);
        mlp2 = mlp(w, "mlp2", hidden);
        int last = hidden[hidden.length - 1];
        if (last % heads != 0) {
            throw new IllegalArgumentException("the last hidden size " + last + " is not a multiple of " + heads
                    + " heads");
        }
        headX = last / heads;
        headY = last / heads;
        wx = toDouble(w.floats("agg.w_x.weight", 1, last));
        wy = toDouble(w.floats("agg.w_y.weight", 1, last));
        bias = w.floats("agg.w_x.bias", 1)[0] + (double) w.floats("agg.w_y.bias", 1)[0];
        wxy = toDouble(w.floats("agg.w_xy", heads, headX, headY));
    }

    /** Loads the weights of a FinalMLP exported by {@code finalmlp.py} from its ONNX bytes. */
    public static FinalMlp fromOnnx(byte[] onnx) {
        return fromOnnx(onnx, Dense.Kernel.EJML);
    }

    /** As {@link #fromOnnx(byte[])}, with the dense layers' kernel chosen (for benchmarks). */
    public static FinalMlp fromOnnx(byte[] onnx, Dense.Kernel kernel) {
        OnnxInitializers w = OnnxInitializers.read(onnx);
        String arch = w.metadata().get("riffle.arch");
        if (!"finalmlp".equals(arch)) {
            throw new IllegalArgumentException("the model's metadata says riffle.arch=" + arch + ", not finalmlp");
        }
        return new FinalMlp(w, kernel);
    }

    private Dense[] gate(OnnxInitializers w, String name, int in) {
        int hidden = (int) w.tensors().get(name + ".mlp.0.bias").dims()[0];
        return new Dense[] {
            new Dense(w.floats(name + ".mlp.0.weight", hidden, in), w.floats(name + ".mlp.0.bias", hidden), in,
                    hidden, Dense.Activation.RELU, kernel),
            new Dense(w.floats(name + ".mlp.2.weight", width, hidden), w.floats(name + ".mlp.2.bias", width),
                    hidden, width, Dense.Activation.NONE, kernel)};
    }

    private Dense[] mlp(OnnxInitializers w, String name, int[] hidden) {
        Dense[] layers = new Dense[hidden.length];
        int in = width;
        for (int l = 0; l < hidden.length; l++) {
            String p = name + "." + (2 * l);
            layers[l] = new Dense(w.floats(p + ".weight", hidden[l], in), w.floats(p + ".bias", hidden[l]), in,
                    hidden[l], Dense.Activation.RELU, kernel);
            in = hidden[l];
        }
        return layers;
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    public int fields() {
        return fields;
    }

    /**
     * Scores {@code rows} events.
     *
     * @param ids    {@code [rows, fields]} per-field ids (the model's {@code cat_ids} input), read only
     * @param bid    {@code [rows]} the numeric field (the model's {@code bid} input), read only
     * @param scores receives the {@code rows} click probabilities (modified)
     */
    public void forward(long[] ids, float[] bid, int rows, double[] scores) {
        if (ids.length < rows * fields || bid.length < rows || scores.length < rows) {
            throw new IllegalArgumentException("forward over " + rows + " rows needs " + (rows * fields) + " ids, "
                    + rows + " bids and " + rows + " scores; got " + ids.length + ", " + bid.length + ", "
                    + scores.length);
        }
        embed(ids, bid, rows);
        stream(ctx1, context1, gate1, mlp1, y1, rows);
        stream(ctx2, context2, gate2, mlp2, y2, rows);
        aggregate(rows, scores);
    }

    private void embed(long[] ids, float[] bid, int rows) {
        e.reshape(rows, width);
        double[] out = e.data;
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            for (int f = 0; f < fields; f++, o += dim) {
                long id = ids[r * fields + f];
                if (id < 0 || id >= buckets) {
                    throw new IllegalArgumentException("row " + r + " field " + f + ": id " + id + " is outside [0, "
                            + buckets + ")");
                }
                int from = (int) ((id + offsets[f]) * dim);
                for (int d = 0; d < dim; d++) {
                    out[o + d] = embedding[from + d];
                }
            }
            double x = bid[r];
            for (int d = 0; d < dim; d++) {
                out[o + d] = x * bidEmbedding[d];
            }
        }
    }

    /** One stream: gather the gate's context, gate the embeddings, run the stream's MLP into {@code y}. */
    private void stream(DMatrixRMaj ctx, int[] context, Dense[] gate, Dense[] mlp, DMatrixRMaj y, int rows) {
        ctx.reshape(rows, context.length * dim);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < context.length; c++) {
                System.arraycopy(e.data, r * width + context[c] * dim, ctx.data, (r * context.length + c) * dim,
                        dim);
            }
        }
        gate[0].forward(ctx, a);
        gate[1].forward(a, b);
        double[] g = b.data;
        double[] x = e.data;
        for (int k = 0; k < rows * width; k++) {
            g[k] = x[k] * (2.0 / (1.0 + Math.exp(-g[k])));
        }
        DMatrixRMaj in = b;
        for (int l = 0; l < mlp.length; l++) {
            DMatrixRMaj out = l == mlp.length - 1 ? y : (in == a ? b : a);
            mlp[l].forward(in, out);
            in = out;
        }
    }

    private void aggregate(int rows, double[] scores) {
        int h = wx.length;
        for (int r = 0; r < rows; r++) {
            int o = r * h;
            double logit = bias;
            for (int k = 0; k < h; k++) {
                logit += wx[k] * y1.data[o + k] + wy[k] * y2.data[o + k];
            }
            for (int head = 0; head < heads; head++) {
                int xo = o + head * headX;
                int yo = o + head * headY;
                int wo = head * headX * headY;
                for (int i = 0; i < headX; i++) {
                    double xi = y1.data[xo + i];
                    if (xi == 0) {
                        continue;
                    }
                    double sum = 0;
                    for (int j = 0; j < headY; j++) {
                        sum += wxy[wo + i * headY + j] * y2.data[yo + j];
                    }
                    logit += xi * sum;
                }
            }
            scores[r] = 1.0 / (1.0 + Math.exp(-logit));
        }
    }
}
