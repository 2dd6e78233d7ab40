package io.riffle.models.graph;

import io.riffle.models.nn.AdamConfig;

/**
 * Hyperparameters of the temporal graph learner ({@link TemporalGraphLearner}); immutable and checked up front.
 *
 * @param memoryDim         per-node memory width d, in [1, 4096] (TGN uses 100–172)
 * @param timeDim           width of the cosine time encoding, in [1, 4096]
 * @param edgeFeatureDim    edge features per interaction, in [0, 4096]
 * @param decoderHidden     hidden width of the link decoder MLP, in [1, 4096]
 * @param baselineFeatures  whether the decoder also sees {@link Baselines#FEATURES} heuristic pair features
 *                          (EdgeBank hits both ways, recency, pair count, common neighbours, popularity)
 * @param attention         the optional neighbour attention embedding
 * @param pres              the optional PRES-style correction of stale memories in micro-batches
 * @param optimizer         Adam settings for the shared parameters
 * @param negatives         training negatives per positive
 * @param evaluation        prequential evaluation negatives (separate random streams)
 * @param baselines         heuristic scorer settings
 * @param neighbourCapacity distinct neighbours remembered per node (least recently active evicted first), in
 *                          [1, 65535]; bounds the per-node record and makes EdgeBank "unlimited" up to this many
 *                          distinct neighbours per node
 * @param samplerCapacity   node ids kept in the uniform reservoir random negatives are drawn from, in [1, 2^26]
 * @param seed              seeds parameter initialisation and every sampling stream (split, never shared)
 */
public record TgnConfig(int memoryDim, int timeDim, int edgeFeatureDim, int decoderHidden, boolean baselineFeatures,
                        AttentionConfig attention, PresConfig pres, AdamConfig optimizer,
                        NegativeSamplingConfig negatives, EvaluationConfig evaluation, BaselineConfig baselines,
                        int neighbourCapacity, int samplerCapacity, long seed)
        implements java.io.Serializable {
    public static final int DEFAULT_MEMORY_DIM = 100;
    /** Adam step size: 3e-4 beat 1e-3 (and 3e-3) on both SNAP streams at batch size 1 (GraphBench). */
    public static final double DEFAULT_LEARNING_RATE = 3e-4;

    public TgnConfig {
        requireRange("memoryDim", memoryDim, 1, 4096);
        requireRange("timeDim", timeDim, 1, 4096);
        requireRange("edgeFeatureDim", edgeFeatureDim, 0, 4096);
        requireRange("decoderHidden", decoderHidden, 1, 4096);
        requireRange("neighbourCapacity", neighbourCapacity, 1, 65535);
        requireRange("samplerCapacity", samplerCapacity, 1, 1 << 26);
        if (attention == null || pres == null || optimizer == null || negatives == null || evaluation == null
                || baselines == null) {
            throw new IllegalArgumentException("tgn attention, pres, optimizer, negatives, evaluation and baselines "
                    + "settings must all be given (use their defaults())");
        }
    }

    /**
     * d = 100, time encoding 100, no edge features, decoder hidden 100, heuristic features on, attention and PRES
     * off, Adam α = 3e-4, one random training negative, AP/AUC evaluation on, 256 neighbours per node, seed 0.
     */
    public static TgnConfig defaults() {
        return new TgnConfig(DEFAULT_MEMORY_DIM, 100, 0, 100, true, AttentionConfig.disabled(),
                PresConfig.disabled(), AdamConfig.defaults().withLearningRate(DEFAULT_LEARNING_RATE),
                NegativeSamplingConfig.defaults(),
                EvaluationConfig.defaults(), BaselineConfig.defaults(), 256, 1 << 20, 0L);
    }

    /** Width of a raw message [s_self, s_other, φ(Δt), e]. */
    public int messageDim() {
        return 2 * memoryDim + timeDim + edgeFeatureDim;
    }

    /** Width of the decoder input [z_src, z_dst, heuristic features]. */
    public int decoderInputDim() {
        return 2 * memoryDim + (baselineFeatures ? Baselines.FEATURES : 0);
    }

    public TgnConfig withDimensions(int memory, int time, int hidden) {
        return new TgnConfig(memory, time, edgeFeatureDim, hidden, baselineFeatures, attention, pres, optimizer,
                negatives, evaluation, baselines, neighbourCapacity, samplerCapacity, seed);
    }

    public TgnConfig withEdgeFeatureDim(int dim) {
        return new TgnConfig(memoryDim, timeDim, dim, decoderHidden, baselineFeatures, attention, pres, optimizer,
                negatives, evaluation, baselines, neighbourCapacity, samplerCapacity, seed);
    }

    public TgnConfig withBaselineFeatures(boolean on) {
        return new TgnConfig(memoryDim, timeDim, edgeFeatureDim, decoderHidden, on, attention, pres, optimizer,
                negatives, evaluation, baselines, neighbourCapacity, samplerCapacity, seed);
    }

    public TgnConfig withAttention(AttentionConfig a) {
        return new TgnConfig(memoryDim, timeDim, edgeFeatureDim, decoderHidden, baselineFeatures, a, pres, optimizer,
                negatives, evaluation, baselines, neighbourCapacity, samplerCapacity, seed);
    }

    public TgnConfig withPres(PresConfig p) {
        return new TgnConfig(memoryDim, timeDim, edgeFeatureDim, decoderHidden, baselineFeatures, attention, p,
                optimizer, negatives, evaluation, baselines, neighbourCapacity, samplerCapacity, seed);
    }

    public TgnConfig withOptimizer(AdamConfig o) {
        return new TgnConfig(memoryDim, timeDim, edgeFeatureDim, decoderHidden, baselineFeatures, attention, pres, o,
                negatives, evaluation, baselines, neighbourCapacity, samplerCapacity, seed);
    }

    public TgnConfig withNegatives(NegativeSamplingConfig n) {
        return new TgnConfig(memoryDim, timeDim, edgeFeatureDim, decoderHidden, baselineFeatures, attention, pres,
                optimizer, n, evaluation, baselines, neighbourCapacity, samplerCapacity, seed);
    }

    public TgnConfig withEvaluation(EvaluationConfig e) {
        return new TgnConfig(memoryDim, timeDim, edgeFeatureDim, decoderHidden, baselineFeatures, attention, pres,
                optimizer, negatives, e, baselines, neighbourCapacity, samplerCapacity, seed);
    }

    public TgnConfig withBaselines(BaselineConfig b) {
        return new TgnConfig(memoryDim, timeDim, edgeFeatureDim, decoderHidden, baselineFeatures, attention, pres,
                optimizer, negatives, evaluation, b, neighbourCapacity, samplerCapacity, seed);
    }

    public TgnConfig withNeighbourCapacity(int capacity) {
        return new TgnConfig(memoryDim, timeDim, edgeFeatureDim, decoderHidden, baselineFeatures, attention, pres,
                optimizer, negatives, evaluation, baselines, capacity, samplerCapacity, seed);
    }

    public TgnConfig withSamplerCapacity(int capacity) {
        return new TgnConfig(memoryDim, timeDim, edgeFeatureDim, decoderHidden, baselineFeatures, attention, pres,
                optimizer, negatives, evaluation, baselines, neighbourCapacity, capacity, seed);
    }

    public TgnConfig withSeed(long s) {
        return new TgnConfig(memoryDim, timeDim, edgeFeatureDim, decoderHidden, baselineFeatures, attention, pres,
                optimizer, negatives, evaluation, baselines, neighbourCapacity, samplerCapacity, s);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("tgn " + name + " must be in [" + min + ", " + max + "], got "
                    + value);
        }
    }
}
