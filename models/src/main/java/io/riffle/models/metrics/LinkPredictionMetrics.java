package io.riffle.models.metrics;

import java.util.Arrays;

/**
 * Prequential link-prediction AP and AUC with one negative per positive, the TGN/DyGLib protocol (Rossi et al. 2020;
 * Yu et al. 2023): each observed link's score (computed before learning from it) is paired with the score of one
 * sampled negative; AP and AUC are exact over all pairs added ({@link RankingMetrics}), so memory grows with the
 * stream (16 bytes per pair). A {@link StreamingAuc} over the same scores is kept for constant-memory reporting.
 */
public final class LinkPredictionMetrics {
    private double[] positives = new double[1024];
    private double[] negatives = new double[1024];
    private int count;
    private final StreamingAuc streaming = new StreamingAuc();

    /** Adds one positive/negative pair of scores (probabilities for the streaming AUC; any monotone scale for AP). */
    public void add(double positive, double negative) {
        if (count == positives.length) {
            positives = Arrays.copyOf(positives, count * 2);
            negatives = Arrays.copyOf(negatives, count * 2);
        }
        positives[count] = positive;
        negatives[count] = negative;
        count++;
        streaming.add(positive, 1);
        streaming.add(negative, 0);
    }

    public int pairs() {
        return count;
    }

    /** Exact average precision over the 2n scores, or NaN when empty. */
    public double averagePrecision() {
        return count == 0 ? Double.NaN : RankingMetrics.averagePrecision(scores(), labels());
    }

    /** Exact ROC AUC over the 2n scores (ties count half), or NaN when empty. */
    public double auc() {
        return count == 0 ? Double.NaN : RankingMetrics.auc(scores(), labels());
    }

    /** The binned streaming AUC (for scores that are probabilities). */
    public double streamingAuc() {
        return streaming.value();
    }

    private double[] scores() {
        double[] s = new double[2 * count];
        System.arraycopy(positives, 0, s, 0, count);
        System.arraycopy(negatives, 0, s, count, count);
        return s;
    }

    private int[] labels() {
        int[] l = new int[2 * count];
        Arrays.fill(l, 0, count, 1);
        return l;
    }
}
