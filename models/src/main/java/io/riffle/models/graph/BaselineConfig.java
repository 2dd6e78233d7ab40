package io.riffle.models.graph;

/**
 * Settings of the heuristic link scorers computed in the same pass as the model (see {@link Baselines}). Times are
 * in the stream's own unit (seconds for the SNAP sets).
 *
 * @param edgeBankWindow     EdgeBank's time window: a pair counts as seen when it occurred within this long
 *                           before the query (Poursafaei et al. 2022 use the test span; a day to a week is typical),
 *                           > 0
 * @param recencyScale       τ of the recency score τ / (τ + Δt) of the time Δt since the pair last interacted, > 0
 * @param popularityHalfLife half-life of a node's exponentially decayed degree, > 0
 */
public record BaselineConfig(double edgeBankWindow, double recencyScale, double popularityHalfLife)
        implements java.io.Serializable {
    public static final double DAY = 86_400;

    public BaselineConfig {
        requirePositive("edgeBankWindow", edgeBankWindow);
        requirePositive("recencyScale", recencyScale);
        requirePositive("popularityHalfLife", popularityHalfLife);
    }

    /** A week's EdgeBank window, one-day recency scale and popularity half-life (for second timestamps). */
    public static BaselineConfig defaults() {
        return new BaselineConfig(7 * DAY, DAY, DAY);
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("baselines " + name + " must be a finite number > 0, got " + value);
        }
    }
}
