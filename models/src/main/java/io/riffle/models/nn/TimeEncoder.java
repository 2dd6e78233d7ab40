package io.riffle.models.nn;

/**
 * The learnable cosine time encoding of TGAT and TGN (Xu et al. 2020, "Inductive Representation Learning on Temporal
 * Graphs"; Rossi et al. 2020): {@code φ(Δt)_k = cos(ω_k Δt + b_k)}, k < dim.
 *
 * <p>Initialised as TGN does: {@code ω_k = 10^(−9k/(dim−1))} (periods from 2π to 2π·10⁹ time units) and b = 0.
 * Parameters (ω then b) live in a shared flat vector at {@link #offset()}. The phase is computed in double so that
 * large Δt (Unix seconds) keep their precision. A NaN Δt gives NaN codes; callers validate times first.
 */
public final class TimeEncoder {
    private final int dim;
    private final int offset;

    public TimeEncoder(ParameterLayout layout, String name, int dim) {
        if (dim <= 0) {
            throw new IllegalArgumentException("time encoder " + name + " needs dim > 0, got " + dim);
        }
        this.dim = dim;
        this.offset = layout.reserve(name, 2 * dim);
    }

    public int dim() {
        return dim;
    }

    public int offset() {
        return offset;
    }

    public int size() {
        return 2 * dim;
    }

    public void initialize(float[] theta) {
        for (int k = 0; k < dim; k++) {
            double exponent = dim == 1 ? 0 : 9.0 * k / (dim - 1);
            theta[offset + k] = (float) Math.pow(10, -exponent);
            theta[offset + dim + k] = 0f;
        }
    }

    /**
     * Writes {@code φ(dt[r])} into {@code out[outOffset + r·outStride + k]} for {@code r < rows}, k < dim (so the code
     * can go straight into a column block of a wider input row). Reads {@code dt[0, rows)}.
     */
    public void forward(float[] theta, double[] dt, int rows, float[] out, int outOffset, int outStride) {
        checkShape(dt, rows, out, outOffset, outStride);
        for (int r = 0; r < rows; r++) {
            double t = dt[r];
            int o = outOffset + r * outStride;
            for (int k = 0; k < dim; k++) {
                out[o + k] = (float) Math.cos(theta[offset + k] * t + theta[offset + dim + k]);
            }
        }
    }

    /**
     * Adds to {@code grad} the gradient of the codes {@link #forward} wrote, given their gradients
     * {@code dOut[outOffset + r·outStride + k]}: {@code dω_k += −sin(ω_k Δt + b_k) Δt g_k}, {@code db_k += −sin(·) g_k}.
     */
    public void backward(float[] theta, float[] grad, double[] dt, int rows, float[] dOut, int outOffset,
                         int outStride) {
        checkShape(dt, rows, dOut, outOffset, outStride);
        for (int r = 0; r < rows; r++) {
            double t = dt[r];
            int o = outOffset + r * outStride;
            for (int k = 0; k < dim; k++) {
                double s = -Math.sin(theta[offset + k] * t + theta[offset + dim + k]) * dOut[o + k];
                grad[offset + k] += (float) (s * t);
                grad[offset + dim + k] += (float) s;
            }
        }
    }

    private void checkShape(double[] dt, int rows, float[] out, int outOffset, int outStride) {
        if (dt.length < rows) {
            throw new IllegalArgumentException("dt must hold " + rows + " values, has " + dt.length);
        }
        if (rows > 0 && (outOffset < 0 || outStride < dim
                || (long) outOffset + (long) (rows - 1) * outStride + dim > out.length)) {
            throw new IllegalArgumentException("out cannot hold " + rows + " codes of " + dim + " at offset "
                    + outOffset + " stride " + outStride);
        }
    }
}
