package io.riffle.models.graph;

/**
 * The prediction–correction of stale memories inside a temporal batch, after PRES (Su, Zou and Wu, ICLR 2024); see
 * {@link TemporalGraphLearner} for what exactly is implemented and where it departs from the paper.
 *
 * @param enabled whether the correction is applied (it only changes anything when a batch holds more than one
 *                interaction of the same node, so batch size 1 is unaffected either way)
 * @param gamma   the fusion weight γ of the predicted memory against the stale one, in [0, 1] (the authors' code
 *                uses 0.9)
 * @param window  the per-node transition mean is a running mean over the first {@code window} transitions and an
 *                exponential moving average with weight 1/window after them; in [1, 10⁶]. The mean costs d floats
 *                per node record.
 */
public record PresConfig(boolean enabled, double gamma, int window) implements java.io.Serializable {
    public PresConfig {
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("pres gamma must be in [0, 1], got " + gamma);
        }
        if (window < 1 || window > 1_000_000) {
            throw new IllegalArgumentException("pres window must be in [1, 1000000], got " + window);
        }
    }

    public static PresConfig disabled() {
        return new PresConfig(false, 0.9, 32);
    }

    public static PresConfig enabled(double gamma) {
        return new PresConfig(true, gamma, 32);
    }
}
