package io.riffle.models.graph;

/**
 * Prequential evaluation drawn alongside training, from random streams of their own (so switching evaluation on or
 * off never changes what is learned). Scores are computed before the interaction is learned from.
 *
 * @param apNegative            draw one uniformly random destination among the nodes seen so far per positive, for
 *                              AP and AUC (the TGN / DyGLib protocol, Rossi et al. 2020; Yu et al. 2023)
 * @param mrrNegatives          negatives per positive for the mean reciprocal rank (the TGB protocol, Huang et al.
 *                              2023), in [0, 1000]; 0 switches MRR off
 * @param mrrHistoricalFraction share, in [0, 1], of the MRR negatives drawn from the source's past destinations
 *                              (TGB mixes historical and random negatives half and half)
 */
public record EvaluationConfig(boolean apNegative, int mrrNegatives, double mrrHistoricalFraction)
        implements java.io.Serializable {
    public EvaluationConfig {
        if (mrrNegatives < 0 || mrrNegatives > 1000) {
            throw new IllegalArgumentException("evaluation mrrNegatives must be in [0, 1000], got " + mrrNegatives);
        }
        if (!(mrrHistoricalFraction >= 0 && mrrHistoricalFraction <= 1)) {
            throw new IllegalArgumentException("evaluation mrrHistoricalFraction must be in [0, 1], got "
                    + mrrHistoricalFraction);
        }
    }

    /** AP/AUC negative on, MRR off (it costs {@code mrrNegatives} extra scored pairs per interaction). */
    public static EvaluationConfig defaults() {
        return new EvaluationConfig(true, 0, 0.5);
    }

    public static EvaluationConfig none() {
        return new EvaluationConfig(false, 0, 0.5);
    }

    public static EvaluationConfig withMrr(int negatives) {
        return new EvaluationConfig(true, negatives, 0.5);
    }
}
