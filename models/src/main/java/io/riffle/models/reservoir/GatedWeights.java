package io.riffle.models.reservoir;

/**
 * The random weights of one gate of a gated reservoir cell: sparse recurrent U (N×N, N(0, ρ²/k) entries, k per row),
 * dense input W (N×d, uniform [−s_in, s_in]) and bias b (uniform [−s_b, s_b]), from one seeded stream per gate.
 */
final class GatedWeights {
    final SparseMatrix u;
    final double[] w;
    final double[] b;

    private GatedWeights(SparseMatrix u, double[] w, double[] b) {
        this.u = u;
        this.w = w;
        this.b = b;
    }

    static GatedWeights create(int n, int d, double connectivity, double radius, double inputScaling,
            double biasScaling, double biasOffset, long seed, long stream) {
        SeededRandom rng = SeededRandom.stream(seed, stream);
        int k = Math.max(1, (int) Math.round(connectivity * n));
        double sd = radius / Math.sqrt(k);
        SparseMatrix u = SparseMatrix.randomFixedInDegree(n, n, 0, n, k, rng, () -> sd * rng.nextGaussian());
        double[] w = new double[n * d];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.uniform(-inputScaling, inputScaling);
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = biasOffset + (biasScaling > 0 ? rng.uniform(-biasScaling, biasScaling) : 0.0);
        }
        return new GatedWeights(u, w, b);
    }

    /** b_i + W[i,:]·input + U[i,:]·h[offset..]. */
    double preActivation(int i, double[] input, int d, double[] h, int offset) {
        double s = b[i];
        for (int j = 0, row = i * d; j < d; j++) {
            s += w[row + j] * input[j];
        }
        return s + u.rowDot(i, h, offset);
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
