package io.riffle.models.nn;

/**
 * A gated recurrent unit cell (Cho et al. 2014, "Learning Phrase Representations using RNN Encoder–Decoder"), with
 * PyTorch's gate equations, the memory updater of TGN (Rossi et al. 2020):
 *
 * <pre>
 *   r  = σ(x W_r + b_r + h U_r + c_r)
 *   z  = σ(x W_z + b_z + h U_z + c_z)
 *   n  = tanh(x W_n + b_n + r ⊙ (h U_n + c_n))
 *   h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 *
 * <p>Parameters live in a shared flat vector at {@link #offset()}: W ({@code in × 3h}, input-major, gate columns
 * r|z|n), U ({@code h × 3h}), b ({@code 3h}), c ({@code 3h}). Blocks of rows are processed with the same per-element
 * summation order as single rows, so one row alone and the same row in a block give bit-identical results.
 *
 * <p>Holds kernel scratch space: one instance per thread. {@link #backward} is exact for one step (the caller truncates back-propagation through time where it wants).
 * NaN inputs propagate; callers validate data first.
 */
public final class GruCell {
    private final int in;
    private final int hidden;
    private final int offset;
    private final int wOff;
    private final int uOff;
    private final int bOff;
    private final int cOff;
    private final Gemm gemm;

    /** Reserves {@code 3h·(in + h) + 6h} parameters in {@code layout} under {@code name}. */
    public GruCell(ParameterLayout layout, String name, int in, int hidden) {
        if (in <= 0 || hidden <= 0) {
            throw new IllegalArgumentException("gru " + name + " needs input and hidden sizes > 0, got " + in
                    + " and " + hidden);
        }
        this.in = in;
        this.hidden = hidden;
        int g = 3 * hidden;
        this.offset = layout.reserve(name, in * g + hidden * g + 2 * g);
        this.wOff = offset;
        this.uOff = wOff + in * g;
        this.bOff = uOff + hidden * g;
        this.cOff = bOff + g;
        this.gemm = new Gemm(g);
    }

    public int in() {
        return in;
    }

    public int hidden() {
        return hidden;
    }

    public int offset() {
        return offset;
    }

    public int size() {
        return 3 * hidden * (in + hidden) + 6 * hidden;
    }

    /** Floats of forward cache needed per row (opaque to callers; pass it back to {@link #backward}). */
    public int cacheWidth() {
        return 6 * hidden;
    }

    /** Floats of work space {@link #backward} needs for {@code rows} rows. */
    public int workSize(int rows) {
        return 6 * hidden * rows;
    }

    /** PyTorch's default: everything uniform in ±1/√h. */
    public void initialize(float[] theta, Rng rng) {
        double bound = 1.0 / Math.sqrt(hidden);
        for (int i = 0; i < size(); i++) {
            theta[offset + i] = rng.uniform(bound);
        }
    }

    /**
     * h' for {@code rows} rows of x ({@code rows × in}) and h ({@code rows × hidden}). Writes {@code hOut}
     * ({@code rows × hidden}, may not alias h) and {@code cache} ({@code rows × cacheWidth()}); reads the rest.
     */
    public void forward(float[] theta, float[] x, float[] h, int rows, float[] hOut, float[] cache) {
        Linear.check(x, rows, in, "x");
        Linear.check(h, rows, hidden, "h");
        Linear.check(hOut, rows, hidden, "hOut");
        Linear.check(cache, rows, 6 * hidden, "cache");
        if (hOut == h) {
            throw new IllegalArgumentException("hOut must not alias h");
        }
        int g = 3 * hidden;
        int cw = 6 * hidden;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(theta, bOff, cache, r * cw, g);
            System.arraycopy(theta, cOff, cache, r * cw + g, g);
        }
        gemm.multiplyAdd(x, 0, in, rows, in, theta, wOff, g, cache, 0, cw);
        gemm.multiplyAdd(h, 0, hidden, rows, hidden, theta, uOff, g, cache, g, cw);
        for (int r = 0; r < rows; r++) {
            int gx = r * cw;
            int gh = gx + g;
            int ho = r * hidden;
            // Overwrite gx's slots with r, z, n; keep (h U_n + c_n) in gh's n slot.
            for (int j = 0; j < hidden; j++) {
                float rg = sigmoid(cache[gx + j] + cache[gh + j]);
                float zg = sigmoid(cache[gx + hidden + j] + cache[gh + hidden + j]);
                float ng = (float) Math.tanh(cache[gx + 2 * hidden + j] + rg * cache[gh + 2 * hidden + j]);
                cache[gx + j] = rg;
                cache[gx + hidden + j] = zg;
                cache[gx + 2 * hidden + j] = ng;
                hOut[ho + j] = (1 - zg) * ng + zg * h[ho + j];
            }
        }
    }

    /**
     * Back-propagates {@code dhOut} ({@code rows × hidden}) through the step {@link #forward} cached: adds the
     * parameter gradient to this cell's slice of {@code grad}. When {@code dx} is not null writes
     * {@code dx[r·in + k]} for {@code k} in {@code [dxFrom, dxTo)} only (the columns the caller needs, e.g. a time
     * encoding); when {@code dh} is not null writes the gradient with respect to h ({@code rows × hidden}).
     * {@code work} holds at least {@link #workSize(int)} floats. Reads x, h and the cache.
     */
    public void backward(float[] theta, float[] grad, float[] x, float[] h, float[] cache, float[] dhOut, int rows,
                         float[] dx, int dxFrom, int dxTo, float[] dh, float[] work) {
        Linear.check(x, rows, in, "x");
        Linear.check(h, rows, hidden, "h");
        Linear.check(cache, rows, 6 * hidden, "cache");
        Linear.check(dhOut, rows, hidden, "dhOut");
        if (dx != null) {
            Linear.check(dx, rows, in, "dx");
            if (dxFrom < 0 || dxTo > in || dxFrom > dxTo) {
                throw new IllegalArgumentException("dx columns [" + dxFrom + ", " + dxTo + ") outside [0, " + in
                        + ")");
            }
        }
        if (dh != null) {
            Linear.check(dh, rows, hidden, "dh");
        }
        if (work.length < workSize(rows)) {
            throw new IllegalArgumentException("work must hold " + workSize(rows) + " floats, has " + work.length);
        }
        int g = 3 * hidden;
        int cw = 6 * hidden;
        // work row r: dgx = [da_r, da_z, da_n] then dgh = [da_r, da_z, da_n ⊙ r]
        for (int r = 0; r < rows; r++) {
            int co = r * cw;
            int ho = r * hidden;
            for (int j = 0; j < hidden; j++) {
                float rg = cache[co + j];
                float zg = cache[co + hidden + j];
                float ng = cache[co + 2 * hidden + j];
                float ghn = cache[co + g + 2 * hidden + j];
                float d = dhOut[ho + j];
                float dn = d * (1 - zg);
                float dz = d * (h[ho + j] - ng);
                float dan = dn * (1 - ng * ng);
                float dr = dan * ghn;
                float daz = dz * zg * (1 - zg);
                float dar = dr * rg * (1 - rg);
                work[co + j] = dar;
                work[co + hidden + j] = daz;
                work[co + 2 * hidden + j] = dan;
                work[co + g + j] = dar;
                work[co + g + hidden + j] = daz;
                work[co + g + 2 * hidden + j] = dan * rg;
            }
        }
        gemm.outerAdd(x, 0, in, work, 0, cw, rows, in, g, grad, wOff);
        gemm.outerAdd(h, 0, hidden, work, g, cw, rows, hidden, g, grad, uOff);
        for (int r = 0; r < rows; r++) {
            int wk = r * cw;
            for (int o = 0; o < g; o++) {
                grad[bOff + o] += work[wk + o];
                grad[cOff + o] += work[wk + g + o];
            }
            if (dx != null) {
                int xo = r * in;
                for (int k = dxFrom; k < dxTo; k++) {
                    dx[xo + k] = Gemm.dot(theta, wOff + k * g, work, wk, g);
                }
            }
            if (dh != null) {
                int ho = r * hidden;
                for (int k = 0; k < hidden; k++) {
                    dh[ho + k] = Gemm.dot(theta, uOff + k * g, work, wk + g, g) + dhOut[ho + k] * cache[wk + hidden + k];
                }
            }
        }
    }

    static float sigmoid(float a) {
        return (float) (1.0 / (1.0 + Math.exp(-a)));
    }
}
