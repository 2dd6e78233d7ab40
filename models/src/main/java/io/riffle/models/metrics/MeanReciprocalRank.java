package io.riffle.models.metrics;

/**
 * Mean reciprocal rank of a positive among sampled negatives, the TGB link-prediction metric (Huang et al. 2023,
 * "Temporal Graph Benchmark for Machine Learning on Temporal Graphs"). Ties count half, as TGB's evaluator does:
 * {@code rank = 1 + #(negatives > positive) + ½ #(negatives = positive)}. Constant memory.
 *
 * <p>A NaN positive ranks last (rank 1 + all negatives); NaN negatives never outrank. Kept separate from AP/AUC: the
 * numbers answer different questions (ranking one true destination among K candidates, against separating one
 * positive from one random negative).
 */
public final class MeanReciprocalRank {
    private double sum;
    private long count;

    /** The tie-aware rank of {@code positive} among {@code negatives[0, n)} (1 = best). */
    public static double rank(double positive, double[] negatives, int n) {
        if (Double.isNaN(positive)) {
            return 1 + n;
        }
        double greater = 0;
        double equal = 0;
        for (int i = 0; i < n; i++) {
            double s = negatives[i];
            if (s > positive) {
                greater++;
            } else if (s == positive) {
                equal++;
            }
        }
        return 1 + greater + 0.5 * equal;
    }

    /** Adds one query: its positive's score and its negatives' {@code negatives[0, n)}. */
    public void add(double positive, double[] negatives, int n) {
        sum += 1.0 / rank(positive, negatives, n);
        count++;
    }

    /** MRR over the queries added, or NaN before the first. */
    public double value() {
        return count == 0 ? Double.NaN : sum / count;
    }

    public long count() {
        return count;
    }
}
