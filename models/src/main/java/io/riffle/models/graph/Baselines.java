package io.riffle.models.graph;

/**
 * Heuristic link scores and the decoder's heuristic pair features, all read from the two endpoints'
 * {@link NodeState}s as they are before the interaction being scored (so nothing leaks).
 *
 * <ul>
 *   <li>EdgeBank (Poursafaei, Huang, Pelrine and Rabbany 2022, "Towards Better Evaluation for Dynamic Link
 *       Prediction"): unlimited memory — 1 if s → d ever occurred; time window — 1 if it occurred within the window.
 *       "Unlimited" is bounded by {@link TgnConfig#neighbourCapacity()} distinct neighbours per node, least recently
 *       active evicted first; the learner counts evictions so a run can show the bound was not reached.</li>
 *   <li>Recency/popularity: {@code score = [seen] · (1 + τ/(τ + Δt)) + p/(1 + p)}, where Δt is the time since s and
 *       d last interacted in either direction and p the destination's decayed degree. Pairs seen before always rank
 *       above unseen ones; among them recent ones first; popular destinations break the rest. (On TGB a recency
 *       heuristic of this kind is within a hair of the best model.)</li>
 *   <li>Popularity: p alone.</li>
 *   <li>Common neighbours: |N(s) ∩ N(d)| over the neighbour tables (both directions), the quantity Neural Common
 *       Neighbor (Wang et al. 2024) builds on.</li>
 * </ul>
 *
 * <p>Decoder features ({@link #FEATURES} of them, each in [0, ~3]): s → d seen, d → s seen, τ/(τ + Δt) (0 if never),
 * log(1 + count(s → d))/4, log(1 + common neighbours)/4, p/(1 + p), log(1 + count(d → s))/4, τ/(τ + Δt_d) for
 * the time Δt_d since d's last interaction with anyone (0 if none); then the pair's recency at two more scales,
 * τ/24 and 30τ (an hour and a month with τ = a day), 1/(1 + r) where r counts the neighbours s interacted with more
 * recently than with d (0 if never: "is d one of s's latest contacts"), d's last activity at scale τ/24, and the
 * recency-weighted common neighbours min(1, Σ_w rec(s, w)·rec(d, w)) (recent triadic closure). The last five were
 * added with the streaming job: +0.004 AP on CollegeMsg, +0.001 on email-Eu-core (GraphBench). Times never produce
 * NaN: a pair's Δt is clamped at 0 when events arrive slightly out of order.
 */
public final class Baselines {
    /** Number of heuristic pair features fed to the decoder when {@link TgnConfig#baselineFeatures()} is on. */
    public static final int FEATURES = 13;

    private Baselines() {}

    /** The recency/popularity score described above. */
    public static double recency(BaselineConfig cfg, NodeState source, String destination, NodeState dest, long time) {
        int i = source.findNeighbour(destination);
        double pop = dest == null ? 0 : dest.popularityAt(time, cfg.popularityHalfLife());
        double score = pop / (1 + pop);
        if (i >= 0) {
            score += 1 + recencyTerm(cfg, source.lastAny(i), time);
        }
        return score;
    }

    /** Fills {@code out[scorer.ordinal()][candidate]} for every scorer but {@link LinkScorer#MODEL}. */
    static void score(BaselineConfig cfg, NodeState source, String destination, NodeState dest, long time,
                      int commonNeighbours, double[][] out, int candidate) {
        int i = source.findNeighbour(destination);
        long lastOut = i >= 0 ? source.lastOut(i) : NodeState.NEVER;
        out[LinkScorer.EDGEBANK.ordinal()][candidate] = lastOut != NodeState.NEVER ? 1 : 0;
        out[LinkScorer.EDGEBANK_WINDOW.ordinal()][candidate] =
                lastOut != NodeState.NEVER && (double) time - lastOut <= cfg.edgeBankWindow() ? 1 : 0;
        out[LinkScorer.RECENCY.ordinal()][candidate] = recency(cfg, source, destination, dest, time);
        out[LinkScorer.POPULARITY.ordinal()][candidate] =
                dest == null ? 0 : dest.popularityAt(time, cfg.popularityHalfLife());
        out[LinkScorer.COMMON_NEIGHBOURS.ordinal()][candidate] = commonNeighbours;
    }

    /** Writes the {@link #FEATURES} decoder features of pair (s, d) into {@code out[offset, offset + FEATURES)}. */
    static void features(BaselineConfig cfg, NodeState source, String destination, NodeState dest, long time,
                         int commonNeighbours, IdIndex sourceNeighbours, float[] out, int offset) {
        int i = source.findNeighbour(destination);
        boolean seenOut = i >= 0 && source.lastOut(i) != NodeState.NEVER;
        boolean seenIn = i >= 0 && source.lastIn(i) != NodeState.NEVER;
        out[offset] = seenOut ? 1f : 0f;
        out[offset + 1] = seenIn ? 1f : 0f;
        out[offset + 2] = i >= 0 ? (float) recencyTerm(cfg, source.lastAny(i), time) : 0f;
        out[offset + 3] = i >= 0 ? (float) (Math.log1p(source.countOut(i)) / 4) : 0f;
        out[offset + 4] = (float) (Math.log1p(commonNeighbours) / 4);
        double pop = dest == null ? 0 : dest.popularityAt(time, cfg.popularityHalfLife());
        out[offset + 5] = (float) (pop / (1 + pop));
        out[offset + 6] = i >= 0 ? (float) (Math.log1p(source.countIn(i)) / 4) : 0f;
        out[offset + 7] = dest == null || dest.popularityTime == NodeState.NEVER ? 0f
                : (float) recencyTerm(cfg, dest.popularityTime, time);
        double tau = cfg.recencyScale();
        out[offset + 8] = i >= 0 ? (float) scaled(tau / 24, source.lastAny(i), time) : 0f;
        out[offset + 9] = i >= 0 ? (float) scaled(tau * 30, source.lastAny(i), time) : 0f;
        out[offset + 10] = i >= 0 ? (float) (1.0 / (1 + recencyRank(source, i))) : 0f;
        out[offset + 11] = dest == null || dest.popularityTime == NodeState.NEVER ? 0f
                : (float) scaled(tau / 24, dest.popularityTime, time);
        out[offset + 12] = (float) Math.min(1, recentCommonNeighbours(cfg, source, sourceNeighbours, dest, time));
    }

    /** Indexes the source's neighbour ids into {@code index} (cleared first) for {@link #commonNeighbours}. */
    static void indexNeighbours(NodeState source, IdIndex index) {
        index.clear();
        for (int i = 0; i < source.neighbourCount(); i++) {
            index.put(source.neighbourId(i), i);
        }
    }

    /** |N(s) ∩ N(d)| given s's neighbours indexed by {@link #indexNeighbours}. */
    static int commonNeighbours(IdIndex sourceNeighbours, NodeState dest) {
        if (dest == null || sourceNeighbours.size() == 0) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < dest.neighbourCount(); i++) {
            if (sourceNeighbours.get(dest.neighbourId(i)) >= 0) {
                n++;
            }
        }
        return n;
    }

    /** Σ over common neighbours w of rec(s, w) · rec(d, w), with rec = τ/(τ + Δt): triadic closure, recent first. */
    static double recentCommonNeighbours(BaselineConfig cfg, NodeState source, IdIndex sourceNeighbours,
                                         NodeState dest, long time) {
        if (dest == null || sourceNeighbours.size() == 0) {
            return 0;
        }
        double sum = 0;
        for (int j = 0; j < dest.neighbourCount(); j++) {
            int i = sourceNeighbours.get(dest.neighbourId(j));
            if (i >= 0) {
                sum += recencyTerm(cfg, source.lastAny(i), time) * recencyTerm(cfg, dest.lastAny(j), time);
            }
        }
        return sum;
    }

    private static double scaled(double tau, long last, long time) {
        double dt = Math.max(0, (double) time - last);
        return tau / (tau + dt);
    }

    /** How many of the source's neighbours it interacted with more recently than with neighbour {@code i}. */
    static int recencyRank(NodeState source, int i) {
        long t = source.lastAny(i);
        int rank = 0;
        for (int k = 0; k < source.neighbourCount(); k++) {
            if (source.lastAny(k) > t) {
                rank++;
            }
        }
        return rank;
    }

    private static double recencyTerm(BaselineConfig cfg, long last, long time) {
        double dt = Math.max(0, (double) time - last);
        return cfg.recencyScale() / (cfg.recencyScale() + dt);
    }
}
