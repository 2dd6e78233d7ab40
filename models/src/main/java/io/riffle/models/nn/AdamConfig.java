package io.riffle.models.nn;

/**
 * Adam hyperparameters (Kingma and Ba 2015, "Adam: A Method for Stochastic Optimization", Algorithm 1).
 *
 * @param learningRate step size α (finite, > 0)
 * @param beta1        decay of the first-moment estimate, in [0, 1)
 * @param beta2        decay of the second-moment estimate, in [0, 1)
 * @param epsilon      added to √v̂ for numerical stability (finite, > 0)
 * @param clipNorm     if > 0, the gradient is rescaled to this global L2 norm when longer (0 turns clipping off)
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon, double clipNorm)
        implements java.io.Serializable {
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    public AdamConfig {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("adam learningRate must be a finite number > 0, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("adam beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("adam beta2 must be in [0, 1), got " + beta2);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("adam epsilon must be a finite number > 0, got " + epsilon);
        }
        if (!(clipNorm >= 0) || !Double.isFinite(clipNorm)) {
            throw new IllegalArgumentException("adam clipNorm must be a finite number >= 0 (0 = off), got "
                    + clipNorm);
        }
    }

    /** The paper's defaults (α = 1e-3, β1 = 0.9, β2 = 0.999, ε = 1e-8), no clipping. */
    public static AdamConfig defaults() {
        return new AdamConfig(DEFAULT_LEARNING_RATE, 0.9, 0.999, 1e-8, 0);
    }

    public AdamConfig withLearningRate(double rate) {
        return new AdamConfig(rate, beta1, beta2, epsilon, clipNorm);
    }

    public AdamConfig withClipNorm(double norm) {
        return new AdamConfig(learningRate, beta1, beta2, epsilon, norm);
    }
}
