package io.riffle.models.ctr;

/**
 * The logistic objective: {@code p = σ(margin)}, loss {@code -y log p - (1-y) log(1-p)}, gradient with respect to the
 * margin {@code p - y}. Margins are clipped to ±35 so that p stays inside (0, 1) in double precision.
 */
public final class LogisticLoss {
    /** Probabilities are kept this far from 0 and 1 when a loss is computed, as scikit-learn and VW do. */
    public static final double EPSILON = 1e-15;
    private static final double MAX_MARGIN = 35.0;

    private LogisticLoss() {}

    public static double sigmoid(double margin) {
        double m = Math.max(-MAX_MARGIN, Math.min(MAX_MARGIN, margin));
        return 1.0 / (1.0 + Math.exp(-m));
    }

    /** Log loss of predicting {@code p} for {@code label} (0 or 1), natural log. */
    public static double loss(double p, int label) {
        double q = Math.max(EPSILON, Math.min(1 - EPSILON, p));
        return label == 1 ? -Math.log(q) : -Math.log(1 - q);
    }

    /** d loss / d margin. */
    public static double gradient(double p, int label) {
        return p - label;
    }
}
