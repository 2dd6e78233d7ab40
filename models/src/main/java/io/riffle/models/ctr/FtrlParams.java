package io.riffle.models.ctr;

import java.io.Serializable;

/**
 * FTRL-Proximal hyperparameters (McMahan et al. 2013, "Ad Click Prediction: a View from the Trenches", Algorithm 1).
 *
 * @param alpha per-coordinate learning-rate scale α (> 0)
 * @param beta  per-coordinate learning-rate smoothing β (≥ 0)
 * @param l1    L1 strength λ1 (≥ 0): larger gives sparser models
 * @param l2    L2 strength λ2 (≥ 0)
 */
public record FtrlParams(double alpha, double beta, double l1, double l2) implements Serializable {
    public static final double DEFAULT_ALPHA = 0.1;
    public static final double DEFAULT_BETA = 1.0;
    public static final double DEFAULT_L1 = 0.1;
    public static final double DEFAULT_L2 = 1.0;

    public FtrlParams {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("ftrl alpha must be a finite number > 0, got " + alpha);
        }
        requireNonNegative("beta", beta);
        requireNonNegative("l1", l1);
        requireNonNegative("l2", l2);
    }

    /** Defaults that give a good model on real click logs without tuning (see README, "Choosing FTRL settings"). */
    public static FtrlParams defaults() {
        return new FtrlParams(DEFAULT_ALPHA, DEFAULT_BETA, DEFAULT_L1, DEFAULT_L2);
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("ftrl " + name + " must be a finite number >= 0, got " + value);
        }
    }
}
