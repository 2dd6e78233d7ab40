package io.riffle.models.ctr.deep;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A fully connected layer over a batch, {@code Y = act(X Wᵀ + b)}, as PyTorch's {@code nn.Linear} (and ONNX's
 * {@code Gemm} with {@code transB = 1}) computes it. The product is EJML's {@code multTransB} on row-major doubles.
 *
 * <p>{@link #forward} writes into the caller's output matrix, reshaped to the batch (EJML reuses its array when it
 * is large enough, so a warm layer allocates nothing). NaN inputs propagate.
 */
public final class Dense {
    /** The non-linearity applied after the affine map. */
    public enum Activation { NONE, RELU }

    private final DMatrixRMaj weights;
    private final double[] bias;
    private final Activation activation;

    /**
     * @param weights row-major {@code [out, in]} (PyTorch's layout), copied
     * @param bias    {@code [out]}, copied
     */
    public Dense(float[] weights, float[] bias, int in, int out, Activation activation) {
        if (weights.length != in * out || bias.length != out) {
            throw new IllegalArgumentException("dense layer " + in + "→" + out + " needs " + (in * out)
                    + " weights and " + out + " biases, got " + weights.length + " and " + bias.length);
        }
        this.weights = new DMatrixRMaj(out, in);
        for (int i = 0; i < weights.length; i++) {
            this.weights.data[i] = weights[i];
        }
        this.bias = new double[out];
        for (int i = 0; i < out; i++) {
            this.bias[i] = bias[i];
        }
        this.activation = activation;
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
        y.reshape(x.numRows, out());
        CommonOps_DDRM.multTransB(x, weights, y);
        int out = out();
        double[] d = y.data;
        for (int r = 0, k = 0; r < x.numRows; r++) {
            for (int j = 0; j < out; j++, k++) {
                double v = d[k] + bias[j];
                d[k] = activation == Activation.RELU && v < 0 ? 0 : v;
            }
        }
    }
}
