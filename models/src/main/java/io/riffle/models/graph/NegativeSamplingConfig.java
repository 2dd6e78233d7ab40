package io.riffle.models.graph;

/**
 * How training negatives are drawn for each observed interaction {@code (s, d, t)}.
 *
 * @param count              negatives per positive, in [0, 64] (0 trains on positives only, which rarely helps)
 * @param historicalFraction probability, in [0, 1], that a negative is a historical destination of s (a node s sent
 *                           to before, other than d) rather than a uniformly random node seen so far; falls back to
 *                           random when s has no other past destination (TGB's "historical" negatives, Huang et al.
 *                           2023; Poursafaei et al. 2022)
 */
public record NegativeSamplingConfig(int count, double historicalFraction) implements java.io.Serializable {
    public NegativeSamplingConfig {
        if (count < 0 || count > 64) {
            throw new IllegalArgumentException("negatives count must be in [0, 64], got " + count);
        }
        if (!(historicalFraction >= 0 && historicalFraction <= 1)) {
            throw new IllegalArgumentException("negatives historicalFraction must be in [0, 1], got "
                    + historicalFraction);
        }
    }

    public static NegativeSamplingConfig defaults() {
        return new NegativeSamplingConfig(1, 0.0);
    }
}
