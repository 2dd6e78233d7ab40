package io.riffle.models.graph;

import java.util.Arrays;

/**
 * What the learner reports for one interaction {@code (s, d, t)}, all computed before the interaction is learned
 * from (test-then-train): the score of every {@link LinkScorer} for the observed destination, for the AP/AUC
 * negative (when evaluation draws one), and for the MRR negatives. Candidate 0 is the observed destination,
 * candidate 1 the AP/AUC negative, candidates 2… the MRR negatives. Reused across calls (no per-event garbage).
 */
public final class LinkScores {
    public static final int POSITIVE = 0;
    public static final int AP_NEGATIVE = 1;
    public static final int FIRST_MRR_NEGATIVE = 2;

    private String source;
    private String destination;
    private long time;
    private boolean hasApNegative;
    private int mrrNegatives;
    private final String[] candidates;
    private final double[][] scores;

    public LinkScores(int maxMrrNegatives) {
        this.candidates = new String[FIRST_MRR_NEGATIVE + maxMrrNegatives];
        this.scores = new double[LinkScorer.values().length][candidates.length];
    }

    void reset(Interaction e) {
        source = e.source();
        destination = e.destination();
        time = e.time();
        hasApNegative = false;
        mrrNegatives = 0;
        Arrays.fill(candidates, null);
        candidates[POSITIVE] = e.destination();
        for (double[] row : scores) {
            Arrays.fill(row, Double.NaN);
        }
    }

    void setApNegative(String id) {
        candidates[AP_NEGATIVE] = id;
        hasApNegative = true;
    }

    int addMrrNegative(String id) {
        int c = FIRST_MRR_NEGATIVE + mrrNegatives++;
        candidates[c] = id;
        return c;
    }

    /** How many MRR negatives this holder has room for. */
    public int maxMrrNegatives() {
        return candidates.length - FIRST_MRR_NEGATIVE;
    }

    double[][] table() {
        return scores;
    }

    public String source() {
        return source;
    }

    public String destination() {
        return destination;
    }

    public long time() {
        return time;
    }

    /** The model's probability for the observed link, predicted before learning from it. */
    public double probability() {
        return scores[LinkScorer.MODEL.ordinal()][POSITIVE];
    }

    public double score(LinkScorer scorer, int candidate) {
        return scores[scorer.ordinal()][candidate];
    }

    /** Whether an AP/AUC negative was drawn (false while fewer than three nodes have been seen, or when off). */
    public boolean hasApNegative() {
        return hasApNegative;
    }

    public int mrrNegatives() {
        return mrrNegatives;
    }

    public String candidate(int c) {
        return candidates[c];
    }

    /** The scores of {@code scorer} for the MRR negatives, copied into {@code out} (at least {@link #mrrNegatives()}). */
    public void mrrNegativeScores(LinkScorer scorer, double[] out) {
        System.arraycopy(scores[scorer.ordinal()], FIRST_MRR_NEGATIVE, out, 0, mrrNegatives);
    }
}
