package io.riffle.models.metrics;

import java.util.Arrays;

/**
 * Exact ranking metrics over a finite set of scored examples: ROC AUC (with ties counted one half) and average
 * precision (the step-wise area under the precision-recall curve, as scikit-learn's {@code average_precision_score}).
 */
public final class RankingMetrics {
    private RankingMetrics() {}

    /** Exact AUC, or NaN if one class is absent. O(n log n). */
    public static double auc(double[] scores, int[] labels) {
        checkLengths(scores, labels);
        Integer[] order = byScoreAscending(scores);
        double pairs = 0;
        long negativesBelow = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            long pos = 0;
            long neg = 0;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                if (labels[order[j]] == 1) {
                    pos++;
                } else {
                    neg++;
                }
                j++;
            }
            pairs += pos * (negativesBelow + 0.5 * neg);
            negativesBelow += neg;
            positives += pos;
            i = j;
        }
        if (positives == 0 || negativesBelow == 0) {
            return Double.NaN;
        }
        return pairs / ((double) positives * negativesBelow);
    }

    /** Average precision: Σ (R_k - R_{k-1}) P_k over thresholds at each distinct score, descending. */
    public static double averagePrecision(double[] scores, int[] labels) {
        checkLengths(scores, labels);
        Integer[] order = byScoreAscending(scores);
        long totalPositives = Arrays.stream(labels).filter(l -> l == 1).count();
        if (totalPositives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        long truePositives = 0;
        long seen = 0;
        int i = order.length - 1;
        while (i >= 0) {
            int j = i;
            long pos = 0;
            while (j >= 0 && scores[order[j]] == scores[order[i]]) {
                if (labels[order[j]] == 1) {
                    pos++;
                }
                seen++;
                j--;
            }
            truePositives += pos;
            if (pos > 0) {
                ap += ((double) pos / totalPositives) * ((double) truePositives / seen);
            }
            i = j;
        }
        return ap;
    }

    private static Integer[] byScoreAscending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        return order;
    }

    private static void checkLengths(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("scores and labels differ in length: " + scores.length + " vs "
                    + labels.length);
        }
    }
}
