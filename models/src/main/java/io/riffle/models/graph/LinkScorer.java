package io.riffle.models.graph;

/** The link scorers a {@link TemporalGraphLearner} evaluates in one pass: the model and the heuristic baselines. */
public enum LinkScorer {
    /** The TGN memory model's probability. */
    MODEL("tgn"),
    /** EdgeBank with unlimited memory (Poursafaei et al. 2022): 1 if s → d was seen before, else 0. */
    EDGEBANK("edgebank"),
    /** EdgeBank with a time window: 1 if s → d was seen within {@link BaselineConfig#edgeBankWindow()}. */
    EDGEBANK_WINDOW("edgebank-tw"),
    /** Recency then popularity: see {@link Baselines#recency}. */
    RECENCY("recency"),
    /** The destination's exponentially decayed degree alone. */
    POPULARITY("popularity"),
    /** Number of common neighbours of s and d (either direction), the classic heuristic NCN builds on. */
    COMMON_NEIGHBOURS("common-neighbours");

    private final String label;

    LinkScorer(String label) {
        this.label = label;
    }

    /** A short stable name for tables and JSON. */
    public String label() {
        return label;
    }
}
