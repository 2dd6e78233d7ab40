package io.riffle.models.ctr.deep;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A fully connected layer over a batch, {@code Y = act(X Wᵀ + b)}, as PyTorch's {@code nn.Linear} (and ONNX's
 * {@code Gemm} with {@code transB = 1}) computes it, on row-major doubles.
 *
 * <p>Two kernels compute the same product. {@link Kernel#EJML} (the default, as the conventions ask of dense linear
 * algebra) calls EJML's {@code multTransB}, a dot product per output. {@link Kernel#AXPY} keeps {@code Wᵀ}
 * ({@code [in, out]}) and adds {@code x[r][k] · Wᵀ[k][·]} to each output row, a loop without a reduction that the JIT
 * may vectorise. {@code riffle bench onnx} measures both on the FinalMLP: on the 2-core machine it was first run on,
 * EJML was about 1.5 times faster, so EJML stays the default. They sum in different orders and agree to rounding.
 *
 * <p>{@link #forward} writes into the caller's output matrix, reshaped to the batch (EJML reuses its array when it is
 * large enough, so a warm layer allocates nothing). NaN inputs propagate.
 */
public final class Dense {
    /** The non-linearity applied after the affine map. */
    public enum Activation { NONE, RELU }

    /** How the product is computed. */
    public enum Kernel { EJML, AXPY }

    private final DMatrixRMaj weights;
    private final double[] transposed;
    private final double[] bias;
    private final Activation activation;
    private final Kernel kernel;

    /**
     * @param weights row-major {@code [out, in]} (PyTorch's layout), copied
     * @param bias    {@code [out]}, copied
     */
    public Dense(float[] weights, float[] bias, int in, int out, Activation activation, Kernel kernel) {
        if (weights.length != in * out || bias.length != out) {
            throw new IllegalArgumentException("dense layer " + in + "→" + out + " needs " + (in * out)
                    + " weights and " + out + " biases, got " + weights.length + " and " + bias.length);
        }
        this.weights = new DMatrixRMaj(out, in);
        this.transposed = new double[in * out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                this.weights.data[o * in + i] = weights[o * in + i];
                this.transposed[i * out + o] = weights[o * in + i];
            }
        }
        this.bias = new double[out];
        for (int i = 0; i < out; i++) {
            this.bias[i] = bias[i];
        }
        this.activation = activation;
        this.kernel = kernel;
    }

    public int in() {
        return weights.numCols;
    }

    public int out() {
        return weights.numRows;
    }

    /** {@code y ← act(x Wᵀ + b)}; {@code x} is {@code [batch, in]}, {@code y} is reshaped to {@code [batch, out]}. */
    public void forward(DMatrixRMaj x, DMatrixRMaj y) {
        if (x.numCols != in()) {
            throw new IllegalArgumentException("dense layer wants " + in() + " inputs, got " + x.numCols);
        }
        int rows = x.numRows;
        int in = in();
        int out = out();
        y.reshape(rows, out);
        double[] d = y.data;
        if (kernel == Kernel.EJML) {
            CommonOps_DDRM.multTransB(x, weights, y);
            for (int r = 0, k = 0; r < rows; r++) {
                for (int j = 0; j < out; j++, k++) {
                    d[k] += bias[j];
                }
            }
        } else {
            double[] a = x.data;
            double[] w = transposed;
            for (int r = 0; r < rows; r++) {
                int yo = r * out;
                System.arraycopy(bias, 0, d, yo, out);
                int xo = r * in;
                for (int i = 0; i < in; i++) {
                    double xi = a[xo + i];
                    int wo = i * out;
                    for (int j = 0; j < out; j++) {
                        d[yo + j] += xi * w[wo + j];
                    }
                }
            }
        }
        if (activation == Activation.RELU) {
            for (int k = 0; k < rows * out; k++) {
                if (d[k] < 0) {
                    d[k] = 0;
                }
            }
        }
    }
}
