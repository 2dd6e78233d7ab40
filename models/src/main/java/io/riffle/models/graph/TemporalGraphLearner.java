package io.riffle.models.graph;

import io.riffle.models.nn.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Online link prediction on a stream of interactions with a TGN-style node memory (Rossi et al. 2020, "Temporal
 * Graph Networks for Deep Learning on Dynamic Graphs"), trained test-then-train, with heuristic baselines scored in
 * the same pass.
 *
 * <h2>Model</h2>
 * Each node i has a memory {@code s_i} (d floats, zero for a new node) and the time {@code t_i} of the last message
 * applied to it. An interaction (i, j, t, e) produces the raw messages {@code [s_i, s_j, φ(t − t_i), e]} for i and
 * {@code [s_j, s_i, φ(t − t_j), e]} for j, where {@code φ(Δt) = cos(ωΔt + b)} is the learnable time encoding (Δt is 0
 * for a node never updated, and clamped at 0 for out-of-order times). A GRU applies a message:
 * {@code s_i ← GRU(message, s_i)}. The embedding is the memory, optionally plus single-head attention over the k most
 * recent neighbours (keys {@code [s_n, φ(t − t_n)]}, query {@code [s_i, φ(0)]}). The decoder is an MLP on
 * {@code [z_src, z_dst, heuristic features]} → ReLU hidden layer → one logit.
 *
 * <h2>Order: never learn from an interaction before predicting it</h2>
 * For every micro-batch of interactions, exactly as TGN does:
 * <ol>
 *   <li>the <em>stored</em> raw messages of the involved nodes (from their previous interactions) are applied to
 *       their memories;</li>
 *   <li>every pair (positives, training negatives, evaluation negatives) is scored with these memories, the loss is
 *       back-propagated and the shared parameters take one Adam step;</li>
 *   <li>only then are the batch's own raw messages stored — not applied — for the next time the nodes appear.</li>
 * </ol>
 * The current interaction therefore never reaches the memory, the heuristics or the node tables before it is
 * scored: scoring it cannot see its label. ({@link LinkScores} carries the scores from step 2.)
 *
 * <h2>Learning</h2>
 * For each positive, {@link NegativeSamplingConfig#count()} negatives are drawn (random nodes seen so far and/or the
 * source's historical destinations, seeded). The loss is the mean over the batch of
 * {@code BCE(positive) + mean BCE(negatives)}. Back-propagation is truncated to one step: gradients reach the GRU
 * and the time encoder through this batch's memory updates (step 1) only; the memories and messages they start from
 * are constants. Sampled negatives' memories are updated transiently for scoring but not written back (their
 * pending messages stay pending), as in TGN.
 *
 * <h2>Micro-batching and the PRES correction</h2>
 * {@link #learnBatch} processes B interactions with matrix–matrix kernels. With B > 1 a node that appears several
 * times in one batch is scored each time with the memory from before the batch (TGN's "temporal discontinuity"), and
 * only its last message of the batch is kept (TGN's "last" aggregator). With {@link PresConfig#enabled()} the
 * learner applies a prediction–correction in the spirit of PRES (Su, Zou and Wu, ICLR 2024, "PRES: Toward Scalable
 * Memory-Based Dynamic Graph Neural Networks"), modelled on the authors' code rather than on the paper's exact
 * equations: each node keeps a running mean μ_i of its observed memory transitions {@code δ = s_new − s_old} (a
 * one-component Gaussian model of the transitions, where the paper fits a Gaussian mixture; updated from every
 * applied message — the correction step), and a node that already appeared earlier in the same batch, whose memory
 * s̃ is therefore stale, is scored with {@code s̄ = (1 − γ) s̃ + γ (s̃ + μ_i)} (the prediction step), clipped to the
 * GRU's range [−1, 1]. The prediction is used for scoring only and never written to memory. Not implemented: the
 * paper's memory-coherence training objective (the authors' code detaches it, so it does not change gradients),
 * and multi-step prediction (extrapolating o·μ_i for the o-th repeat, and compensating the messages the "last"
 * aggregator drops, both made accuracy much worse in our measurements). On the SNAP streams this correction does not
 * improve AP (see GraphBench); most of the loss at large B comes from taking fewer optimiser steps, which a larger
 * learning rate recovers. With B = 1 no node repeats within a batch and the result is exactly the sequential
 * algorithm, PRES on or off.
 *
 * <h2>State</h2>
 * Per-node state lives in a {@link NodeStore} (read and written as {@link NodeState}s, bytes via
 * {@link NodeStateCodec}); shared parameters and Adam moments in {@link TgnParameters} (bytes via
 * {@link TgnParameters#toBytes()}); the sampling state (random streams, reservoir of seen nodes, counters) via
 * {@link #writeSampling} / {@link #samplingBytes()}. All three together restore a learner that continues bit for
 * bit. Time comes from event timestamps only; randomness from {@link TgnConfig#seed()}, split into independent
 * streams for initialisation, training negatives, AP/AUC negatives, MRR negatives and the reservoir.
 *
 * <h2>Bad input</h2>
 * Interactions with the wrong number of edge features or a NaN/infinite feature are refused with
 * {@link IllegalArgumentException} before any state changes (the operator dead-letters such records before calling).
 * If a batch ever produced a non-finite gradient, {@link IllegalStateException} is thrown before parameters or node
 * states change (the sampling streams have advanced).
 *
 * <p>Not thread-safe: one learner per operator subtask. Allocates nothing per interaction once its scratch buffers
 * have grown to the largest batch.
 */
public final class TemporalGraphLearner {
    private static final byte[] SAMPLING_MAGIC = {'R', 'I', 'F', 'F', 'L', 'E', 'T', 'S'};
    private static final String SAMPLING_KIND = "tgn-sampling";
    private static final int SAMPLING_FORMAT = 1;

    private final TgnConfig config;
    private final NodeStore store;
    private final TgnParameters params;
    private final NodeSampler sampler;
    private final Rng trainRng;
    private final Rng apRng;
    private final Rng mrrRng;
    private long interactionsSeen;
    private long evictions;

    private final int d;
    private final int dt;
    private final int de;
    private final int msgDim;
    private final int nf;
    private final int decIn;
    private final int hidden;
    private final int maxKeys;
    private final int keyWidth;

    // ---- batch scratch: slots (distinct nodes of the batch)
    private final IdIndex slotIndex = new IdIndex();
    private final IdIndex neighbourIndex = new IdIndex();
    private int slotCount;
    private String[] slotId = new String[0];
    private NodeState[] slotState = new NodeState[0];
    private boolean[] slotKnown = new boolean[0];
    private boolean[] slotTouched = new boolean[0];
    private boolean[] slotTrained = new boolean[0];
    private int[] slotOcc = new int[0];
    private int[] slotGruRow = new int[0];
    private float[] updated = new float[0];
    private float[] dUpdated = new float[0];
    // ---- GRU rows
    private int gruRows;
    private int gruTrainedRows;
    private int[] gruSlot = new int[0];
    private double[] gruDt = new double[0];
    private float[] gruX = new float[0];
    private float[] gruH = new float[0];
    private float[] gruOut = new float[0];
    private float[] gruCache = new float[0];
    private float[] gruDh = new float[0];
    private float[] gruDx = new float[0];
    private float[] gruWork = new float[0];
    // ---- instances (one embedding per node per role per interaction)
    private int instCount;
    private int[] instSlot = new int[0];
    private int[] instOcc = new int[0];
    private int[] instAtt = new int[0];
    private float[] z = new float[0];
    private float[] dz = new float[0];
    // ---- attention inputs, one row set per trained instance (eval-only instances use the temporary set)
    private int attCount;
    private double[] attDt = new double[0];
    private float[] attQuery = new float[0];
    private float[] attKeyIn = new float[0];
    private float[] attCache = new float[0];
    private final float[] tmpQuery;
    private final float[] tmpKeys;
    private final double[] tmpDt;
    private final float[] tmpCache;
    private final float[] attOut;
    private final float[] dQuery;
    private final float[] dKeys;
    private final double[] zeroDt = {0.0};
    private final NodeState scratchState;
    // ---- pairs
    private int trainCount;
    private int[] trainA = new int[0];
    private int[] trainB = new int[0];
    private float[] trainLabel = new float[0];
    private float[] trainWeight = new float[0];
    private float[] trainFeat = new float[0];
    private int evalCount;
    private int[] evalA = new int[0];
    private int[] evalB = new int[0];
    private int[] evalEvent = new int[0];
    private int[] evalCandidate = new int[0];
    private float[] evalFeat = new float[0];
    private int[] eventTrainStart = new int[0];
    private int[] eventTrainCount = new int[0];
    // ---- decoder
    private float[] decInput = new float[0];
    private float[] decHidden = new float[0];
    private float[] logits = new float[0];
    private float[] dLogits = new float[0];
    private float[] dDecHidden = new float[0];
    private float[] dDecInput = new float[0];
    private double lastLoss;
    private double predicted;
    private final Interaction[] single = new Interaction[1];
    private final LinkScores[] singleOut = new LinkScores[1];

    /** A fresh learner: parameters initialised from the config's seed, nothing seen. */
    public TemporalGraphLearner(TgnConfig config, NodeStore store) {
        this(config, store, TgnParameters.initialize(config));
    }

    /** A learner starting from trained parameters, with fresh sampling state. */
    public TemporalGraphLearner(TgnConfig config, NodeStore store, TgnParameters parameters) {
        if (!parameters.config().equals(config)) {
            throw new IllegalArgumentException("parameters were built for another config: " + parameters.config());
        }
        this.config = config;
        this.store = store;
        this.params = parameters;
        Rng root = new Rng(config.seed());
        root.split(); // parameter initialisation's stream (TgnParameters.initialize)
        this.trainRng = root.split();
        this.apRng = root.split();
        this.mrrRng = root.split();
        this.sampler = new NodeSampler(config.samplerCapacity(), root.split());
        this.d = config.memoryDim();
        this.dt = config.timeDim();
        this.de = config.edgeFeatureDim();
        this.msgDim = config.messageDim();
        this.nf = config.baselineFeatures() ? Baselines.FEATURES : 0;
        this.decIn = config.decoderInputDim();
        this.hidden = config.decoderHidden();
        this.maxKeys = config.attention().enabled() ? config.attention().neighbours() : 0;
        this.keyWidth = d + dt;
        int cache = params.attention == null ? 0 : params.attention.cacheSize(maxKeys);
        this.tmpQuery = new float[keyWidth];
        this.tmpKeys = new float[Math.max(1, maxKeys) * keyWidth];
        this.tmpDt = new double[Math.max(1, maxKeys)];
        this.tmpCache = new float[cache];
        this.attOut = new float[d];
        this.dQuery = new float[keyWidth];
        this.dKeys = new float[Math.max(1, maxKeys) * keyWidth];
        this.scratchState = NodeState.forConfig(config);
        this.attQ1 = new float[keyWidth];
        this.attK1 = new float[Math.max(1, maxKeys) * keyWidth];
        this.attC1 = new float[cache];
    }

    /** Restores a learner from checkpointed parameters and sampling state ({@link #samplingBytes()}). */
    public static TemporalGraphLearner restore(TgnConfig config, NodeStore store, byte[] parameterBytes,
                                               byte[] samplingBytes) throws IOException {
        TemporalGraphLearner l = new TemporalGraphLearner(config, store,
                TgnParameters.fromBytes(config, parameterBytes));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(samplingBytes));
        l.readSampling(in);
        if (in.read() != -1) {
            throw new IOException("tgn sampling state is followed by trailing bytes");
        }
        return l;
    }

    public TgnConfig config() {
        return config;
    }

    public NodeStore store() {
        return store;
    }

    /** The live shared parameters (serialize with {@link TgnParameters#toBytes()}). */
    public TgnParameters parameters() {
        return params;
    }

    /** Interactions learned so far. */
    public long interactionsSeen() {
        return interactionsSeen;
    }

    /** Distinct nodes seen so far. */
    public long nodesSeen() {
        return sampler.seen();
    }

    /** How often a neighbour table was full and dropped its least recently active neighbour. */
    public long neighbourEvictions() {
        return evictions;
    }

    /** The training loss of the last batch (mean over its interactions). */
    public double lastLoss() {
        return lastLoss;
    }

    /** A {@link LinkScores} sized for this learner's evaluation settings. */
    public LinkScores newScores() {
        return new LinkScores(config.evaluation().mrrNegatives());
    }

    /** Test-then-train on one interaction; {@code out} receives the scores computed before learning from it. */
    public void learn(Interaction interaction, LinkScores out) {
        single[0] = interaction;
        singleOut[0] = out;
        learnBatch(single, 1, singleOut);
        single[0] = null;
        singleOut[0] = null;
    }

    /**
     * Test-then-train on the temporal batch {@code batch[0, count)} (in time order): scores every interaction with
     * the memories and parameters as they are before the batch, then takes one Adam step and stores the batch's
     * messages. {@code out[k]} receives interaction k's scores.
     *
     * @throws IllegalArgumentException for a wrong edge feature width or a non-finite feature (nothing changes)
     */
    public void learnBatch(Interaction[] batch, int count, LinkScores[] out) {
        if (count < 1 || count > batch.length || out.length < count) {
            throw new IllegalArgumentException("batch needs 1 <= count <= " + batch.length + " interactions and as many "
                    + "score holders, got count " + count + " and " + out.length + " holders");
        }
        int mrr = config.evaluation().mrrNegatives();
        for (int k = 0; k < count; k++) {
            if (batch[k] == null) {
                throw new IllegalArgumentException("interaction " + k + " of the batch is null");
            }
            validate(batch[k]);
            if (out[k] == null || out[k].maxMrrNegatives() < mrr) {
                throw new IllegalArgumentException("score holder " + k + " is null or holds fewer than " + mrr
                        + " MRR negatives; use newScores()");
            }
        }
        beginBatch();
        ensureEvents(count);
        for (int k = 0; k < count; k++) {
            admit(batch[k], k, out[k]);
        }
        weighPairs(count);
        applyStoredMessages();
        embed();
        decode(out);
        backPropagateAndStep();
        storeMessages(batch, count);
        interactionsSeen += count;
    }

    /**
     * The model's probability for a link {@code source → destination} at {@code time}, reading state only (stored
     * messages applied transiently, nothing written, no random draw).
     */
    public double predict(String source, String destination, long time) {
        beginBatch();
        int s = slot(source);
        int dd = slot(destination);
        Baselines.indexNeighbours(slotState[s], neighbourIndex);
        int iS = newInstance(s, time, false);
        int iD = newInstance(dd, time, false);
        addEval(iS, iD, -1, 0, slotState[s], destination, slotState[dd], time);
        applyStoredMessages();
        embed();
        decode(null);
        return predicted;
    }

    // ------------------------------------------------------------------------------------------ phases

    private void validate(Interaction e) {
        float[] f = e.features();
        if (f.length != de) {
            throw new IllegalArgumentException("interaction " + e.source() + " -> " + e.destination() + " has "
                    + f.length + " edge features, this model takes " + de);
        }
        for (int i = 0; i < f.length; i++) {
            if (!Float.isFinite(f[i])) {
                throw new IllegalArgumentException("interaction " + e.source() + " -> " + e.destination()
                        + " has a non-finite edge feature at " + i + ": " + f[i]);
            }
        }
    }

    private void beginBatch() {
        for (int s = 0; s < slotCount; s++) {
            slotId[s] = null;
        }
        slotIndex.clear();
        slotCount = 0;
        instCount = 0;
        attCount = 0;
        trainCount = 0;
        evalCount = 0;
    }

    /** Step 0: scores the heuristics, draws negatives, then records the interaction in the node tables. */
    private void admit(Interaction e, int k, LinkScores out) {
        out.reset(e);
        long t = e.time();
        int s = slot(e.source());
        int dd = slot(e.destination());
        NodeState src = slotState[s];
        NodeState dst = slotState[dd];
        Baselines.indexNeighbours(src, neighbourIndex);
        int iS = newInstance(s, t, true);
        int iD = newInstance(dd, t, true);
        eventTrainStart[k] = trainCount;
        addTrain(iS, iD, 1f, src, e.destination(), dst, t);
        Baselines.score(config.baselines(), src, e.destination(), dst, t,
                Baselines.commonNeighbours(neighbourIndex, dst), out.table(), LinkScores.POSITIVE);
        NegativeSamplingConfig neg = config.negatives();
        for (int j = 0; j < neg.count(); j++) {
            String id = sampler.sample(trainRng, neg.historicalFraction(), src, e.source(), e.destination());
            if (id == null) {
                break;
            }
            int ns = slot(id);
            addTrain(iS, newInstance(ns, t, true), 0f, src, id, slotState[ns], t);
        }
        eventTrainCount[k] = trainCount - eventTrainStart[k];
        EvaluationConfig ev = config.evaluation();
        if (ev.apNegative()) {
            String id = sampler.random(apRng, e.source(), e.destination());
            if (id != null) {
                out.setApNegative(id);
                scoreCandidate(out, LinkScores.AP_NEGATIVE, iS, src, id, k, t);
            }
        }
        for (int m = 0; m < ev.mrrNegatives(); m++) {
            String id = sampler.sample(mrrRng, ev.mrrHistoricalFraction(), src, e.source(), e.destination());
            if (id == null) {
                break;
            }
            scoreCandidate(out, out.addMrrNegative(id), iS, src, id, k, t);
        }
        // Only now does the interaction enter the node tables.
        int cap = config.neighbourCapacity();
        if (src.recordNeighbour(e.destination(), t, true, cap)) {
            evictions++;
        }
        if (dst.recordNeighbour(e.source(), t, false, cap)) {
            evictions++;
        }
        double halfLife = config.baselines().popularityHalfLife();
        src.recordActivity(t, halfLife);
        if (dd != s) {
            dst.recordActivity(t, halfLife);
        }
        register(s);
        register(dd);
        slotTouched[s] = true;
        slotTouched[dd] = true;
        slotOcc[s]++;
        if (dd != s) {
            slotOcc[dd]++;
        }
    }

    private void register(int s) {
        if (!slotKnown[s]) {
            sampler.register(slotId[s]);
            slotKnown[s] = true;
        }
    }

    private void scoreCandidate(LinkScores out, int candidate, int iS, NodeState src, String id, int k, long t) {
        int ns = slot(id);
        NodeState neg = slotState[ns];
        Baselines.score(config.baselines(), src, id, neg, t, Baselines.commonNeighbours(neighbourIndex, neg),
                out.table(), candidate);
        addEval(iS, newInstance(ns, t, false), k, candidate, src, id, neg, t);
    }

    /** Loss weights: each interaction counts 1/B; its positive 1, its negatives 1/N together. */
    private void weighPairs(int count) {
        float perEvent = 1f / count;
        for (int k = 0; k < count; k++) {
            int start = eventTrainStart[k];
            int negatives = eventTrainCount[k] - 1;
            trainWeight[start] = perEvent;
            for (int j = 1; j <= negatives; j++) {
                trainWeight[start + j] = perEvent / negatives;
            }
        }
    }

    /** Step 1: applies every involved node's stored message with one GRU call (trained nodes' rows first). */
    private void applyStoredMessages() {
        ensureGru(slotCount);
        gruRows = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int s = 0; s < slotCount; s++) {
                NodeState st = slotState[s];
                if (pass == 0) {
                    slotGruRow[s] = -1;
                }
                if (!st.hasPending || slotTrained[s] != (pass == 0)) {
                    continue;
                }
                int r = gruRows++;
                slotGruRow[s] = r;
                gruSlot[r] = s;
                int xo = r * msgDim;
                System.arraycopy(st.memory, 0, gruX, xo, d);
                System.arraycopy(st.pendingOther, 0, gruX, xo + d, d);
                System.arraycopy(st.pendingFeatures, 0, gruX, xo + 2 * d + dt, de);
                System.arraycopy(st.memory, 0, gruH, r * d, d);
                gruDt[r] = st.memoryTime == NodeState.NEVER ? 0 : Math.max(0, (double) st.pendingTime - st.memoryTime);
            }
            if (pass == 0) {
                gruTrainedRows = gruRows;
            }
        }
        float[] theta = params.theta;
        params.time.forward(theta, gruDt, gruRows, gruX, 2 * d, msgDim);
        params.gru.forward(theta, gruX, gruH, gruRows, gruOut, gruCache);
        for (int s = 0; s < slotCount; s++) {
            int r = slotGruRow[s];
            NodeState st = slotState[s];
            if (r < 0) {
                System.arraycopy(st.memory, 0, updated, s * d, d);
                continue;
            }
            System.arraycopy(gruOut, r * d, updated, s * d, d);
        }
    }

    /** Step 2a: embeddings of every instance (memory, PRES prediction for repeats, attention). */
    private void embed() {
        PresConfig pres = config.pres();
        for (int i = 0; i < instCount; i++) {
            int s = instSlot[i];
            System.arraycopy(updated, s * d, z, i * d, d);
            int occ = instOcc[i];
            NodeState st = slotState[s];
            if (pres.enabled() && occ > 0 && st.presCount > 0) {
                // s̄ = (1 − γ) s̃ + γ (s̃ + μ), kept inside the GRU's range [−1, 1]
                float w = (float) pres.gamma();
                for (int j = 0; j < d; j++) {
                    float v = z[i * d + j] + w * st.presMean[j];
                    z[i * d + j] = Math.max(-1f, Math.min(1f, v));
                }
            }
        }
        if (params.attention == null) {
            return;
        }
        float[] theta = params.theta;
        int cs = params.attention.cacheSize(maxKeys);
        for (int i = 0; i < instCount; i++) {
            int keys = instKeyCount[i];
            if (keys == 0) {
                continue;
            }
            int a = instAtt[i];
            boolean kept = a >= 0;
            float[] query = kept ? attQuery : tmpQuery;
            float[] keysIn = kept ? attKeyIn : tmpKeys;
            float[] cache = kept ? attCache : tmpCache;
            int qo = kept ? a * keyWidth : 0;
            int ko = kept ? a * maxKeys * keyWidth : 0;
            int co = kept ? a * cs : 0;
            double[] dts = kept ? attDt : tmpDt;
            int dto = kept ? a * maxKeys : 0;
            for (int j = 0; j < keys; j++) {
                String id = instKeyIds[i * maxKeys + j];
                int row = ko + j * keyWidth;
                int ns = slotIndex.get(id);
                if (ns >= 0) {
                    System.arraycopy(slotState[ns].memory, 0, keysIn, row, d);
                } else if (store.readMemory(id, scratchState, attOut)) {
                    System.arraycopy(attOut, 0, keysIn, row, d);
                } else {
                    Arrays.fill(keysIn, row, row + d, 0f);
                }
                dts[dto + j] = Math.max(0, (double) instTime[i] - instKeyTimes[i * maxKeys + j]);
            }
            System.arraycopy(dts, dto, tmpDt, 0, keys);
            params.time.forward(theta, tmpDt, keys, keysIn, ko + d, keyWidth);
            System.arraycopy(z, i * d, query, qo, d);
            params.time.forward(theta, zeroDt, 1, query, qo + d, keyWidth);
            System.arraycopy(query, qo, attQ1, 0, keyWidth);
            System.arraycopy(keysIn, ko, attK1, 0, keys * keyWidth);
            params.attention.forward(theta, attQ1, attK1, keys, attOut, attC1);
            System.arraycopy(attC1, 0, cache, co, params.attention.cacheSize(keys));
            for (int j = 0; j < d; j++) {
                z[i * d + j] += attOut[j];
            }
        }
    }

    /** Step 2b: decoder over all pairs; writes the model's scores. */
    private void decode(LinkScores[] out) {
        int rows = trainCount + evalCount;
        ensureDecoder(rows);
        int nd = 2 * d;
        for (int r = 0; r < rows; r++) {
            boolean train = r < trainCount;
            int p = train ? r : r - trainCount;
            int a = train ? trainA[p] : evalA[p];
            int b = train ? trainB[p] : evalB[p];
            int o = r * decIn;
            System.arraycopy(z, a * d, decInput, o, d);
            System.arraycopy(z, b * d, decInput, o + d, d);
            if (nf > 0) {
                System.arraycopy(train ? trainFeat : evalFeat, p * nf, decInput, o + nd, nf);
            }
        }
        float[] theta = params.theta;
        params.decoderHidden.forward(theta, decInput, rows, decHidden);
        for (int i = 0; i < rows * hidden; i++) {
            if (!(decHidden[i] > 0)) {
                decHidden[i] = 0f;
            }
        }
        params.decoderOut.forward(theta, decHidden, rows, logits);
        double loss = 0;
        for (int r = 0; r < trainCount; r++) {
            double prob = sigmoid(logits[r]);
            float y = trainLabel[r];
            dLogits[r] = (float) ((prob - y) * trainWeight[r]);
            loss += trainWeight[r] * bce(logits[r], y);
        }
        lastLoss = loss;
        if (out == null) {
            predicted = sigmoid(logits[trainCount]);
            return;
        }
        int[] starts = eventTrainStart;
        for (int k = 0; k < out.length && k < currentEvents; k++) {
            out[k].table()[LinkScorer.MODEL.ordinal()][LinkScores.POSITIVE] = sigmoid(logits[starts[k]]);
        }
        for (int p = 0; p < evalCount; p++) {
            out[evalEvent[p]].table()[LinkScorer.MODEL.ordinal()][evalCandidate[p]] = sigmoid(logits[trainCount + p]);
        }
    }

    private int currentEvents;
    private long[] instTime = new long[0];
    private int[] instKeyCount = new int[0];
    private String[] instKeyIds = new String[0];
    private long[] instKeyTimes = new long[0];
    private float[] attQ1 = new float[0];
    private float[] attK1 = new float[0];
    private float[] attC1 = new float[0];

    /** Step 2c: one-step truncated back-propagation and one Adam step. */
    private void backPropagateAndStep() {
        if (trainCount == 0) {
            return;
        }
        float[] theta = params.theta;
        float[] grad = params.grad;
        params.decoderOut.backward(theta, grad, decHidden, dLogits, trainCount, dDecHidden);
        for (int i = 0; i < trainCount * hidden; i++) {
            if (!(decHidden[i] > 0)) {
                dDecHidden[i] = 0f;
            }
        }
        params.decoderHidden.backward(theta, grad, decInput, dDecHidden, trainCount, dDecInput, 0, 2 * d, false);
        Arrays.fill(dz, 0, instCount * d, 0f);
        for (int r = 0; r < trainCount; r++) {
            int a = trainA[r] * d;
            int b = trainB[r] * d;
            int o = r * decIn;
            for (int j = 0; j < d; j++) {
                dz[a + j] += dDecInput[o + j];
                dz[b + j] += dDecInput[o + d + j];
            }
        }
        Arrays.fill(dUpdated, 0, slotCount * d, 0f);
        for (int i = 0; i < instCount; i++) {
            if (instAtt[i] < 0) {
                continue;
            }
            int s = instSlot[i];
            if (params.attention != null) {
                attentionBackward(i);
            }
            for (int j = 0; j < d; j++) {
                dUpdated[s * d + j] += dz[i * d + j];
            }
        }
        for (int r = 0; r < gruTrainedRows; r++) {
            System.arraycopy(dUpdated, gruSlot[r] * d, gruDh, r * d, d);
        }
        params.gru.backward(theta, grad, gruX, gruH, gruCache, gruDh, gruTrainedRows, gruDx, 2 * d, 2 * d + dt, null,
                gruWork);
        params.time.backward(theta, grad, gruDt, gruTrainedRows, gruDx, 2 * d, msgDim);
        try {
            params.adam.step(theta, grad);
        } catch (IllegalArgumentException nonFinite) {
            Arrays.fill(grad, 0f);
            throw new IllegalStateException("the batch produced a non-finite gradient; parameters and node states "
                    + "were left unchanged", nonFinite);
        }
        Arrays.fill(grad, 0f);
    }

    private void attentionBackward(int i) {
        int a = instAtt[i];
        int keys = instKeyCount[i];
        if (keys == 0) {
            return;
        }
        float[] theta = params.theta;
        float[] grad = params.grad;
        int cs = params.attention.cacheSize(maxKeys);
        System.arraycopy(attQuery, a * keyWidth, attQ1, 0, keyWidth);
        System.arraycopy(attKeyIn, a * maxKeys * keyWidth, attK1, 0, keys * keyWidth);
        System.arraycopy(attCache, a * cs, attC1, 0, params.attention.cacheSize(keys));
        Arrays.fill(dQuery, 0f);
        Arrays.fill(dKeys, 0, keys * keyWidth, 0f);
        System.arraycopy(dz, i * d, attOut, 0, d);
        params.attention.backward(theta, grad, attQ1, attK1, keys, attC1, attOut, dQuery, dKeys, d, keyWidth);
        // The query's memory part flows back into the memory; its φ(0) part and the keys' φ parts into the encoder.
        for (int j = 0; j < d; j++) {
            dz[i * d + j] += dQuery[j];
        }
        params.time.backward(theta, grad, zeroDt, 1, dQuery, d, keyWidth);
        System.arraycopy(attDt, a * maxKeys, tmpDt, 0, keys);
        params.time.backward(theta, grad, tmpDt, keys, dKeys, d, keyWidth);
    }

    /** Step 3: persist the updated memories of the batch's nodes, then store (not apply) the batch's messages. */
    private void storeMessages(Interaction[] batch, int count) {
        PresConfig pres = config.pres();
        for (int s = 0; s < slotCount; s++) {
            if (!slotTouched[s]) {
                continue;
            }
            NodeState st = slotState[s];
            if (st.hasPending) {
                int r = slotGruRow[s];
                if (pres.enabled()) {
                    st.presCount = st.presCount == Integer.MAX_VALUE ? st.presCount : st.presCount + 1;
                    float w = 1f / Math.min(st.presCount, pres.window());
                    for (int j = 0; j < d; j++) {
                        float delta = gruOut[r * d + j] - st.memory[j];
                        st.presMean[j] += w * (delta - st.presMean[j]);
                    }
                }
                System.arraycopy(updated, s * d, st.memory, 0, d);
                st.memoryTime = st.pendingTime;
                st.hasPending = false;
                st.pendingCount = 0;
            }
        }
        for (int k = 0; k < count; k++) {
            Interaction e = batch[k];
            int s = slotIndex.get(e.source());
            int dd = slotIndex.get(e.destination());
            setPending(slotState[s], dd, e);
            setPending(slotState[dd], s, e);
        }
        for (int s = 0; s < slotCount; s++) {
            if (slotTouched[s]) {
                store.write(slotId[s], slotState[s]);
            }
        }
    }

    private void setPending(NodeState st, int otherSlot, Interaction e) {
        st.pendingCount = st.hasPending ? st.pendingCount + 1 : 1;
        st.hasPending = true;
        st.pendingTime = e.time();
        System.arraycopy(updated, otherSlot * d, st.pendingOther, 0, d);
        System.arraycopy(e.features(), 0, st.pendingFeatures, 0, de);
    }

    // ------------------------------------------------------------------------------------------ batch bookkeeping

    private int slot(String id) {
        int s = slotIndex.get(id);
        if (s >= 0) {
            return s;
        }
        s = slotCount++;
        ensureSlots(slotCount);
        slotId[s] = id;
        NodeState st = slotState[s];
        boolean known = store.read(id, st);
        if (!known) {
            st.reset();
        }
        slotKnown[s] = known;
        slotTouched[s] = false;
        slotTrained[s] = false;
        slotOcc[s] = 0;
        slotIndex.put(id, s);
        return s;
    }

    private int newInstance(int s, long time, boolean trained) {
        int i = instCount++;
        ensureInstances(instCount);
        instSlot[i] = s;
        instOcc[i] = slotOcc[s];
        instTime[i] = time;
        instAtt[i] = -1;
        if (trained) {
            slotTrained[s] = true;
            int a = attCount++;
            instAtt[i] = a;
            if (maxKeys > 0) {
                ensureAttention(attCount);
            }
        }
        instKeyCount[i] = maxKeys > 0 ? selectKeys(slotState[s], i * maxKeys) : 0;
        return i;
    }

    /**
     * Keeps the ids and times of the node's (up to maxKeys) most recently active neighbours, as the table is now
     * (before the current interaction enters it), most recent first, ties by table order; returns how many.
     */
    private int selectKeys(NodeState st, int at) {
        int keys = 0;
        for (int i = 0; i < st.neighbourCount; i++) {
            long ti = st.lastAny(i);
            if (keys == maxKeys && ti <= instKeyTimes[at + keys - 1]) {
                continue;
            }
            int p = keys < maxKeys ? keys++ : keys - 1;
            while (p > 0 && instKeyTimes[at + p - 1] < ti) {
                instKeyTimes[at + p] = instKeyTimes[at + p - 1];
                instKeyIds[at + p] = instKeyIds[at + p - 1];
                p--;
            }
            instKeyTimes[at + p] = ti;
            instKeyIds[at + p] = st.neighbourIds[i];
        }
        return keys;
    }

    private void addTrain(int a, int b, float label, NodeState src, String dstId, NodeState dst, long t) {
        int p = trainCount++;
        ensureTrain(trainCount);
        trainA[p] = a;
        trainB[p] = b;
        trainLabel[p] = label;
        if (nf > 0) {
            Baselines.features(config.baselines(), src, dstId, dst, t, Baselines.commonNeighbours(neighbourIndex, dst),
                    neighbourIndex, trainFeat, p * nf);
        }
    }

    private void addEval(int a, int b, int event, int candidate, NodeState src, String dstId, NodeState dst, long t) {
        int p = evalCount++;
        ensureEval(evalCount);
        evalA[p] = a;
        evalB[p] = b;
        evalEvent[p] = event;
        evalCandidate[p] = candidate;
        if (nf > 0) {
            Baselines.features(config.baselines(), src, dstId, dst, t, Baselines.commonNeighbours(neighbourIndex, dst),
                    neighbourIndex, evalFeat, p * nf);
        }
    }

    private void ensureEvents(int n) {
        currentEvents = n;
        if (eventTrainStart.length < n) {
            eventTrainStart = new int[n];
            eventTrainCount = new int[n];
        }
    }

    private void ensureSlots(int n) {
        if (slotState.length >= n) {
            return;
        }
        int size = Math.max(n, slotState.length * 2);
        int old = slotState.length;
        slotId = Arrays.copyOf(slotId, size);
        slotState = Arrays.copyOf(slotState, size);
        for (int i = old; i < size; i++) {
            slotState[i] = NodeState.forConfig(config);
        }
        slotKnown = Arrays.copyOf(slotKnown, size);
        slotTouched = Arrays.copyOf(slotTouched, size);
        slotTrained = Arrays.copyOf(slotTrained, size);
        slotOcc = Arrays.copyOf(slotOcc, size);
        slotGruRow = Arrays.copyOf(slotGruRow, size);
        updated = Arrays.copyOf(updated, size * d);
        dUpdated = Arrays.copyOf(dUpdated, size * d);
    }

    private void ensureGru(int rows) {
        if (gruSlot.length >= rows) {
            return;
        }
        int size = Math.max(rows, gruSlot.length * 2);
        gruSlot = new int[size];
        gruDt = new double[size];
        gruX = new float[size * msgDim];
        gruH = new float[size * d];
        gruOut = new float[size * d];
        gruCache = new float[size * params.gru.cacheWidth()];
        gruDh = new float[size * d];
        gruDx = new float[size * msgDim];
        gruWork = new float[params.gru.workSize(size)];
    }

    private void ensureInstances(int n) {
        if (instSlot.length >= n) {
            return;
        }
        int size = Math.max(n, instSlot.length * 2);
        instSlot = Arrays.copyOf(instSlot, size);
        instOcc = Arrays.copyOf(instOcc, size);
        instAtt = Arrays.copyOf(instAtt, size);
        instTime = Arrays.copyOf(instTime, size);
        instKeyCount = Arrays.copyOf(instKeyCount, size);
        instKeyIds = Arrays.copyOf(instKeyIds, size * maxKeys);
        instKeyTimes = Arrays.copyOf(instKeyTimes, size * maxKeys);
        z = Arrays.copyOf(z, size * d);
        dz = Arrays.copyOf(dz, size * d);
    }

    private void ensureAttention(int n) {
        if (attDt.length >= n * maxKeys) {
            return;
        }
        int size = Math.max(n, 2 * attDt.length / maxKeys);
        attDt = Arrays.copyOf(attDt, size * maxKeys);
        attQuery = Arrays.copyOf(attQuery, size * keyWidth);
        attKeyIn = Arrays.copyOf(attKeyIn, size * maxKeys * keyWidth);
        attCache = Arrays.copyOf(attCache, size * params.attention.cacheSize(maxKeys));
    }

    private void ensureTrain(int n) {
        if (trainA.length >= n) {
            return;
        }
        int size = Math.max(n, trainA.length * 2);
        trainA = Arrays.copyOf(trainA, size);
        trainB = Arrays.copyOf(trainB, size);
        trainLabel = Arrays.copyOf(trainLabel, size);
        trainWeight = Arrays.copyOf(trainWeight, size);
        trainFeat = Arrays.copyOf(trainFeat, size * nf);
    }

    private void ensureEval(int n) {
        if (evalA.length >= n) {
            return;
        }
        int size = Math.max(n, evalA.length * 2);
        evalA = Arrays.copyOf(evalA, size);
        evalB = Arrays.copyOf(evalB, size);
        evalEvent = Arrays.copyOf(evalEvent, size);
        evalCandidate = Arrays.copyOf(evalCandidate, size);
        evalFeat = Arrays.copyOf(evalFeat, size * nf);
    }

    private void ensureDecoder(int rows) {
        if (logits.length >= rows) {
            return;
        }
        int size = Math.max(rows, logits.length * 2);
        decInput = new float[size * decIn];
        decHidden = new float[size * hidden];
        logits = new float[size];
        dLogits = new float[size];
        dDecHidden = new float[size * hidden];
        dDecInput = new float[size * decIn];
    }

    private static double sigmoid(float logit) {
        return 1.0 / (1.0 + Math.exp(-logit));
    }

    /** Binary cross-entropy of a logit, computed stably: max(x, 0) − x y + log(1 + e^(−|x|)). */
    private static double bce(float logit, float y) {
        double x = logit;
        return Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
    }

    // ------------------------------------------------------------------------------------------ checkpoints

    /** Writes the sampling state: counters, the random streams and the reservoir of seen nodes. */
    public void writeSampling(DataOutput out) throws IOException {
        out.write(SAMPLING_MAGIC);
        out.writeUTF(SAMPLING_KIND);
        out.writeInt(SAMPLING_FORMAT);
        out.writeLong(interactionsSeen);
        out.writeLong(evictions);
        out.writeLong(trainRng.state());
        out.writeLong(apRng.state());
        out.writeLong(mrrRng.state());
        sampler.write(out);
    }

    /** Reads what {@link #writeSampling} wrote (same config). */
    public void readSampling(DataInput in) throws IOException {
        byte[] magic = new byte[SAMPLING_MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, SAMPLING_MAGIC)) {
            throw new IOException("not Riffle tgn sampling state (bad magic bytes)");
        }
        String kind = in.readUTF();
        if (!SAMPLING_KIND.equals(kind)) {
            throw new IOException("state is of kind '" + kind + "', expected '" + SAMPLING_KIND + "'");
        }
        int format = in.readInt();
        if (format != SAMPLING_FORMAT) {
            throw new IOException("tgn sampling format " + format + " is not readable by this build (reads "
                    + SAMPLING_FORMAT + ")");
        }
        long seen = in.readLong();
        long ev = in.readLong();
        long tr = in.readLong();
        long ap = in.readLong();
        long mrr = in.readLong();
        sampler.read(in);
        interactionsSeen = seen;
        evictions = ev;
        trainRng.setState(tr);
        apRng.setState(ap);
        mrrRng.setState(mrr);
    }

    public byte[] samplingBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            writeSampling(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An independent copy (parameters, optimiser, sampling state) reading and writing {@code storeCopy}. */
    public TemporalGraphLearner copy(NodeStore storeCopy) {
        TemporalGraphLearner c = new TemporalGraphLearner(config, storeCopy, params.copy());
        try {
            c.readSampling(new DataInputStream(new ByteArrayInputStream(samplingBytes())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c;
    }

    /** True when parameters, optimiser and sampling state are bit-identical (node stores are not compared). */
    public boolean sameState(TemporalGraphLearner o) {
        return params.sameState(o.params) && Arrays.equals(samplingBytes(), o.samplingBytes());
    }
}
