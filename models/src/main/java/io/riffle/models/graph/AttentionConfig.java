package io.riffle.models.graph;

/**
 * The optional temporal attention embedding (TGN §3.1 "graph attention", one layer, one head).
 *
 * @param enabled    whether embeddings attend over recent neighbours (off: embedding = memory)
 * @param neighbours how many most recent distinct neighbours to attend over, in [1, 64]
 * @param dim        width of the attention's query/key/value projections, in [1, 1024]
 */
public record AttentionConfig(boolean enabled, int neighbours, int dim) implements java.io.Serializable {
    public AttentionConfig {
        if (neighbours < 1 || neighbours > 64) {
            throw new IllegalArgumentException("attention neighbours must be in [1, 64], got " + neighbours);
        }
        if (dim < 1 || dim > 1024) {
            throw new IllegalArgumentException("attention dim must be in [1, 1024], got " + dim);
        }
    }

    /** Off (the default); if switched on, 10 neighbours and width 100 as in TGN's experiments. */
    public static AttentionConfig disabled() {
        return new AttentionConfig(false, 10, 100);
    }

    public static AttentionConfig enabled(int neighbours, int dim) {
        return new AttentionConfig(true, neighbours, dim);
    }
}
