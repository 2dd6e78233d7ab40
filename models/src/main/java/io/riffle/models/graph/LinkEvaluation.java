package io.riffle.models.graph;

import io.riffle.models.metrics.LinkPredictionMetrics;
import io.riffle.models.metrics.MeanReciprocalRank;

/**
 * Prequential evaluation of every {@link LinkScorer} from the {@link LinkScores} the learner reports: AP and AUC
 * over (observed destination, AP/AUC negative) pairs, and MRR over the MRR negatives — separate numbers from
 * separate negative draws, never mixed. Interactions without a drawn negative (the first few of a stream) are
 * skipped by the metric that needs it.
 */
public final class LinkEvaluation {
    private final LinkPredictionMetrics[] ap = new LinkPredictionMetrics[LinkScorer.values().length];
    private final MeanReciprocalRank[] mrr = new MeanReciprocalRank[LinkScorer.values().length];
    private double[] buffer = new double[16];

    public LinkEvaluation() {
        for (int i = 0; i < ap.length; i++) {
            ap[i] = new LinkPredictionMetrics();
            mrr[i] = new MeanReciprocalRank();
        }
    }

    public void add(LinkScores s) {
        if (s.hasApNegative()) {
            for (LinkScorer scorer : LinkScorer.values()) {
                ap[scorer.ordinal()].add(s.score(scorer, LinkScores.POSITIVE), s.score(scorer, LinkScores.AP_NEGATIVE));
            }
        }
        int n = s.mrrNegatives();
        if (n > 0) {
            if (buffer.length < n) {
                buffer = new double[n];
            }
            for (LinkScorer scorer : LinkScorer.values()) {
                s.mrrNegativeScores(scorer, buffer);
                mrr[scorer.ordinal()].add(s.score(scorer, LinkScores.POSITIVE), buffer, n);
            }
        }
    }

    public double averagePrecision(LinkScorer scorer) {
        return ap[scorer.ordinal()].averagePrecision();
    }

    public double auc(LinkScorer scorer) {
        return ap[scorer.ordinal()].auc();
    }

    public double mrr(LinkScorer scorer) {
        return mrr[scorer.ordinal()].value();
    }

    /** Interactions that had an AP/AUC negative. */
    public int apPairs() {
        return ap[0].pairs();
    }

    /** Interactions that had MRR negatives. */
    public long mrrQueries() {
        return mrr[0].count();
    }
}
