package io.riffle.models.graph;

import io.riffle.models.nn.Rng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sequential TGN algorithm written out plainly, one interaction at a time and one row at a time, for the test
 * that the micro-batched learner with batch size 1 is exactly the sequential algorithm. It shares only the numeric
 * kernels (GRU, time encoder, linear layers, Adam), the negative sampler and the heuristic helpers with the learner;
 * the orchestration (what is applied, scored, back-propagated and stored, and in which order) is its own. No
 * attention, no PRES, no self-loops.
 */
final class SequentialReference {
    final TgnConfig config;
    final TgnParameters p;
    final Map<String, NodeState> nodes = new HashMap<>();
    final NodeSampler sampler;
    final Rng trainRng;
    final Rng apRng;
    final Rng mrrRng;
    final int d;
    final int nf;

    SequentialReference(TgnConfig config) {
        this.config = config;
        this.p = TgnParameters.initialize(config);
        Rng root = new Rng(config.seed());
        root.split();
        trainRng = root.split();
        apRng = root.split();
        mrrRng = root.split();
        sampler = new NodeSampler(config.samplerCapacity(), root.split());
        d = config.memoryDim();
        nf = config.baselineFeatures() ? Baselines.FEATURES : 0;
    }

    /** A pair to score: endpoint node ids, label (or -1 for evaluation only), features, where the score goes. */
    private record Pair(String a, String b, float label, float weight, float[] features, int candidate) {}

    /** Returns the model scores indexed like {@link LinkScores} candidates (NaN where none). */
    double[] learn(Interaction e) {
        String s = e.source();
        String dst = e.destination();
        long t = e.time();
        NodeState src = state(s);
        NodeState dest = state(dst);
        IdIndex idx = new IdIndex();
        Baselines.indexNeighbours(src, idx);
        List<String> trainedNodes = new ArrayList<>();
        List<String> evalNodes = new ArrayList<>();
        List<Pair> pairs = new ArrayList<>();
        trainedNodes.add(s);
        trainedNodes.add(dst);
        List<String> negatives = new ArrayList<>();
        for (int j = 0; j < config.negatives().count(); j++) {
            String n = sampler.sample(trainRng, config.negatives().historicalFraction(), src, s, dst);
            if (n == null) {
                break;
            }
            negatives.add(n);
            trainedNodes.add(n);
        }
        pairs.add(new Pair(s, dst, 1f, 1f, features(src, dst, t, idx), LinkScores.POSITIVE));
        for (String n : negatives) {
            pairs.add(new Pair(s, n, 0f, 1f / negatives.size(), features(src, n, t, idx), -1));
        }
        int mrrCount = config.evaluation().mrrNegatives();
        double[] scores = new double[LinkScores.FIRST_MRR_NEGATIVE + mrrCount];
        java.util.Arrays.fill(scores, Double.NaN);
        if (config.evaluation().apNegative()) {
            String n = sampler.random(apRng, s, dst);
            if (n != null) {
                evalNodes.add(n);
                pairs.add(new Pair(s, n, -1f, 0f, features(src, n, t, idx), LinkScores.AP_NEGATIVE));
            }
        }
        for (int m = 0; m < mrrCount; m++) {
            String n = sampler.sample(mrrRng, config.evaluation().mrrHistoricalFraction(), src, s, dst);
            if (n == null) {
                break;
            }
            evalNodes.add(n);
            pairs.add(new Pair(s, n, -1f, 0f, features(src, n, t, idx), LinkScores.FIRST_MRR_NEGATIVE + m));
        }
        // The interaction enters the tables only after its pairs' features were taken.
        src.recordNeighbour(dst, t, true, config.neighbourCapacity());
        dest.recordNeighbour(s, t, false, config.neighbourCapacity());
        src.recordActivity(t, config.baselines().popularityHalfLife());
        dest.recordActivity(t, config.baselines().popularityHalfLife());
        registerIfNew(s);
        registerIfNew(dst);

        // 1. apply stored messages: trained nodes' rows first, each node once, in order of first appearance
        LinkedHashMap<String, float[]> updated = new LinkedHashMap<>();
        Map<String, float[]> gruInput = new HashMap<>();
        Map<String, float[]> gruCache = new HashMap<>();
        Map<String, Double> gruDt = new HashMap<>();
        List<String> gruOrder = new ArrayList<>();
        for (List<String> group : List.of(trainedNodes, evalNodes)) {
            for (String id : group) {
                if (updated.containsKey(id)) {
                    continue;
                }
                NodeState st = state(id);
                float[] mem = st.memory.clone();
                if (st.hasPending) {
                    int msg = config.messageDim();
                    float[] x = new float[msg];
                    System.arraycopy(st.memory, 0, x, 0, d);
                    System.arraycopy(st.pendingOther, 0, x, d, d);
                    System.arraycopy(st.pendingFeatures, 0, x, 2 * d + config.timeDim(), config.edgeFeatureDim());
                    double dt = st.memoryTime == NodeState.NEVER ? 0 : Math.max(0, (double) st.pendingTime - st.memoryTime);
                    p.time.forward(p.theta, new double[] {dt}, 1, x, 2 * d, msg);
                    float[] cache = new float[p.gru.cacheWidth()];
                    float[] out = new float[d];
                    p.gru.forward(p.theta, x, st.memory, 1, out, cache);
                    mem = out;
                    gruInput.put(id, x);
                    gruCache.put(id, cache);
                    gruDt.put(id, dt);
                    gruOrder.add(id);
                }
                updated.put(id, mem);
            }
        }
        // 2. score every pair, one row at a time
        int in = config.decoderInputDim();
        int h = config.decoderHidden();
        List<float[]> inputs = new ArrayList<>();
        List<float[]> hiddens = new ArrayList<>();
        float[] dLogit = new float[pairs.size()];
        for (int r = 0; r < pairs.size(); r++) {
            Pair pr = pairs.get(r);
            float[] x = new float[in];
            System.arraycopy(updated.get(pr.a), 0, x, 0, d);
            System.arraycopy(updated.get(pr.b), 0, x, d, d);
            System.arraycopy(pr.features, 0, x, 2 * d, nf);
            float[] hid = new float[h];
            p.decoderHidden.forward(p.theta, x, 1, hid);
            for (int j = 0; j < h; j++) {
                hid[j] = hid[j] > 0 ? hid[j] : 0f;
            }
            float[] logit = new float[1];
            p.decoderOut.forward(p.theta, hid, 1, logit);
            double prob = 1.0 / (1.0 + Math.exp(-logit[0]));
            if (pr.candidate >= 0) {
                scores[pr.candidate] = prob;
            }
            if (pr.label >= 0) {
                dLogit[r] = (float) ((prob - pr.label) * pr.weight);
            }
            inputs.add(x);
            hiddens.add(hid);
        }
        // 3. back-propagate the trained pairs (one step), then one Adam step
        Map<String, float[]> dMemory = new HashMap<>();
        float[] dSrc = new float[d];
        List<float[]> dB = new ArrayList<>();
        for (int r = 0; r < pairs.size(); r++) {
            if (pairs.get(r).label < 0) {
                continue;
            }
            float[] dh = new float[h];
            p.decoderOut.backward(p.theta, p.grad, hiddens.get(r), new float[] {dLogit[r]}, 1, dh);
            for (int j = 0; j < h; j++) {
                if (!(hiddens.get(r)[j] > 0)) {
                    dh[j] = 0f;
                }
            }
            float[] dx = new float[in];
            p.decoderHidden.backward(p.theta, p.grad, inputs.get(r), dh, 1, dx, 0, 2 * d, false);
            for (int j = 0; j < d; j++) {
                dSrc[j] += dx[j];
            }
            dB.add(java.util.Arrays.copyOfRange(dx, d, 2 * d));
        }
        add(dMemory, s, dSrc);
        for (int r = 0, k = 0; r < pairs.size(); r++) {
            if (pairs.get(r).label >= 0) {
                add(dMemory, pairs.get(r).b, dB.get(k++));
            }
        }
        for (String id : gruOrder) {
            if (!dMemory.containsKey(id)) {
                continue; // evaluation-only node: no gradient
            }
            float[] dx = new float[config.messageDim()];
            p.gru.backward(p.theta, p.grad, gruInput.get(id), state(id).memory, gruCache.get(id), dMemory.get(id), 1,
                    dx, 2 * d, 2 * d + config.timeDim(), null, new float[p.gru.workSize(1)]);
            p.time.backward(p.theta, p.grad, new double[] {gruDt.get(id)}, 1, dx, 2 * d, config.messageDim());
        }
        p.adam.step(p.theta, p.grad);
        java.util.Arrays.fill(p.grad, 0f);
        // 4. persist the two endpoints: applied memories, then the new (not yet applied) messages
        for (String id : List.of(s, dst)) {
            NodeState st = state(id);
            if (st.hasPending) {
                System.arraycopy(updated.get(id), 0, st.memory, 0, d);
                st.memoryTime = st.pendingTime;
                st.hasPending = false;
            }
        }
        pend(src, updated.get(dst), e);
        pend(dest, updated.get(s), e);
        return scores;
    }

    private static void add(Map<String, float[]> acc, String id, float[] g) {
        float[] a = acc.computeIfAbsent(id, k -> new float[g.length]);
        for (int j = 0; j < g.length; j++) {
            a[j] += g[j];
        }
    }

    private void pend(NodeState st, float[] other, Interaction e) {
        st.hasPending = true;
        st.pendingCount = 1;
        st.pendingTime = e.time();
        System.arraycopy(other, 0, st.pendingOther, 0, d);
        System.arraycopy(e.features(), 0, st.pendingFeatures, 0, config.edgeFeatureDim());
    }

    private float[] features(NodeState src, String id, long t, IdIndex idx) {
        float[] f = new float[nf];
        if (nf > 0) {
            NodeState other = state(id);
            Baselines.features(config.baselines(), src, id, other, t, Baselines.commonNeighbours(idx, other), idx,
                    f, 0);
        }
        return f;
    }

    private final java.util.Set<String> registered = new java.util.HashSet<>();

    private void registerIfNew(String id) {
        if (registered.add(id)) {
            sampler.register(id);
        }
    }

    NodeState state(String id) {
        return nodes.computeIfAbsent(id, k -> NodeState.forConfig(config));
    }
}
