package io.riffle.models.nn;

/**
 * A fully connected layer {@code y = x W + b} applied to a block of rows, in the EJML manner: flat row-major arrays,
 * caller-provided outputs, one shape check per call and unchecked inner loops, no allocation.
 *
 * <p>Its parameters live in a shared flat vector {@code theta} at {@link #offset()}: W input-major
 * ({@code in × out}, so that both the forward pass and the weight gradient are {@code axpy} loops over the output,
 * which the JIT vectorises), then b ({@code out}). Every output element is summed over the input index in
 * ascending order whatever the number of rows, so one row gives bit-identical results to the same row inside a
 * block (the micro-batched learner relies on this).
 *
 * <p>Holds scratch space for its kernels: one instance per thread. NaN or infinite inputs propagate to the outputs
 * and gradients; callers validate data first.
 */
public final class Linear {
    private final int in;
    private final int out;
    private final int offset;
    private final Gemm gemm;

    /** Reserves {@code in·out + out} parameters in {@code layout} under {@code name}. */
    public Linear(ParameterLayout layout, String name, int in, int out) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("linear layer " + name + " needs in > 0 and out > 0, got " + in
                    + " and " + out);
        }
        this.in = in;
        this.out = out;
        this.offset = layout.reserve(name, in * out + out);
        this.gemm = new Gemm(out);
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public int offset() {
        return offset;
    }

    /** Number of parameters. */
    public int size() {
        return in * out + out;
    }

    /** PyTorch's default: W and b uniform in ±1/√in. Writes this layer's slice of {@code theta}. */
    public void initialize(float[] theta, Rng rng) {
        double bound = 1.0 / Math.sqrt(in);
        for (int i = 0; i < size(); i++) {
            theta[offset + i] = rng.uniform(bound);
        }
    }

    /** Sets this layer's slice of {@code theta} to zero (a residual branch that starts switched off). */
    public void zero(float[] theta) {
        java.util.Arrays.fill(theta, offset, offset + size(), 0f);
    }

    /**
     * {@code Y = X W + b} for {@code rows} rows. Writes {@code y[0, rows·out)}; reads {@code x[0, rows·in)}.
     */
    public void forward(float[] theta, float[] x, int rows, float[] y) {
        check(x, rows, in, "x");
        check(y, rows, out, "y");
        int bias = offset + in * out;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(theta, bias, y, r * out, out);
        }
        gemm.multiplyAdd(x, 0, in, rows, in, theta, offset, out, y, 0, out);
    }

    /**
     * Back-propagates {@code dY} ({@code rows × out}): adds {@code Xᵀ dY} and the column sums of dY to this layer's
     * slice of {@code grad}, and, when {@code dx} is not null, writes {@code dX = dY Wᵀ} ({@code rows × in}).
     */
    public void backward(float[] theta, float[] grad, float[] x, float[] dy, int rows, float[] dx) {
        backward(theta, grad, x, dy, rows, dx, 0, in, false);
    }

    /**
     * As {@link #backward(float[], float[], float[], float[], int, float[])}, but computes dX only for the input
     * columns {@code [dxFrom, dxTo)}, and adds to {@code dx} instead of overwriting it when {@code accumulate}.
     */
    public void backward(float[] theta, float[] grad, float[] x, float[] dy, int rows, float[] dx, int dxFrom,
                         int dxTo, boolean accumulate) {
        check(x, rows, in, "x");
        check(dy, rows, out, "dy");
        if (dx != null) {
            check(dx, rows, in, "dx");
            if (dxFrom < 0 || dxTo > in || dxFrom > dxTo) {
                throw new IllegalArgumentException("dx columns [" + dxFrom + ", " + dxTo + ") outside [0, " + in
                        + ")");
            }
        }
        int bias = offset + in * out;
        gemm.outerAdd(x, 0, in, dy, 0, out, rows, in, out, grad, offset);
        for (int r = 0; r < rows; r++) {
            int yo = r * out;
            for (int o = 0; o < out; o++) {
                grad[bias + o] += dy[yo + o];
            }
            if (dx != null) {
                int xo = r * in;
                for (int k = dxFrom; k < dxTo; k++) {
                    float s = Gemm.dot(theta, offset + k * out, dy, yo, out);
                    dx[xo + k] = accumulate ? dx[xo + k] + s : s;
                }
            }
        }
    }

    static void check(float[] a, int rows, int width, String name) {
        if (rows < 0 || a.length < (long) rows * width) {
            throw new IllegalArgumentException(name + " must hold " + rows + " rows of " + width + " values, has "
                    + a.length);
        }
    }
}
