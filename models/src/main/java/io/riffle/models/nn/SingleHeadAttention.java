package io.riffle.models.nn;

import java.util.Arrays;

/**
 * One head of scaled dot-product attention (Vaswani et al. 2017) of a query over at most {@code maxKeys} keys, with
 * an output projection, as the temporal graph attention embedding of TGAT/TGN uses it (Xu et al. 2020; Rossi et al.
 * 2020 §3.1), reduced to one head and one layer:
 *
 * <pre>
 *   Q = q W_q,   K_j = n_j W_k,   V_j = n_j W_v                 (q, n_j: rows of width {@code in})
 *   α = softmax_j(Q·K_j / √a),   h = Σ_j α_j V_j,   out = h W_o + b_o     (width {@code out})
 * </pre>
 *
 * <p>W_o and b_o start at zero, so a network that adds {@code out} to a residual input starts out computing exactly
 * what it computes without attention. With no keys, {@code out} is zero and nothing is learned. Parameters live in a
 * shared flat vector; the per-query cache is the caller's ({@link #cacheSize}), work space is this object's (one
 * thread). NaN inputs propagate.
 */
public final class SingleHeadAttention {
    private final int in;
    private final int attn;
    private final int out;
    private final int maxKeys;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final float scale;
    // work space
    private final float[] rows;
    private final float[] h;
    private final float[] dh;
    private final float[] dQ;
    private final float[] dqIn;
    private final float[] dalpha;
    private final float[] dK;
    private final float[] dV;

    public SingleHeadAttention(ParameterLayout layout, String name, int in, int attn, int out, int maxKeys) {
        if (maxKeys <= 0) {
            throw new IllegalArgumentException("attention " + name + " needs maxKeys > 0, got " + maxKeys);
        }
        this.in = in;
        this.attn = attn;
        this.out = out;
        this.maxKeys = maxKeys;
        this.query = new Linear(layout, name + ".query", in, attn);
        this.key = new Linear(layout, name + ".key", in, attn);
        this.value = new Linear(layout, name + ".value", in, attn);
        this.output = new Linear(layout, name + ".output", attn, out);
        this.scale = (float) (1.0 / Math.sqrt(attn));
        this.rows = new float[maxKeys * attn];
        this.h = new float[attn];
        this.dh = new float[attn];
        this.dQ = new float[attn];
        this.dqIn = new float[in];
        this.dalpha = new float[maxKeys];
        this.dK = new float[maxKeys * attn];
        this.dV = new float[maxKeys * attn];
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public int maxKeys() {
        return maxKeys;
    }

    public int size() {
        return query.size() + key.size() + value.size() + output.size();
    }

    public void initialize(float[] theta, Rng rng) {
        query.initialize(theta, rng);
        key.initialize(theta, rng);
        value.initialize(theta, rng);
        output.zero(theta);
    }

    /** Floats of cache one query over {@code keys} keys needs: Q, K, V, α and h. */
    public int cacheSize(int keys) {
        return 2 * attn + 2 * keys * attn + keys;
    }

    /**
     * Writes {@code result} (width {@link #out()}) for query {@code q} (width in) over {@code keys} rows of {@code n}
     * ({@code keys × in}), and {@code cache} for {@link #backward}. {@code result} is all zero when {@code keys == 0}.
     */
    public void forward(float[] theta, float[] q, float[] n, int keys, float[] result, float[] cache) {
        checkKeys(keys, cache);
        if (keys == 0) {
            Arrays.fill(result, 0, out, 0f);
            return;
        }
        int ko = attn;
        int vo = ko + keys * attn;
        int ao = vo + keys * attn;
        int ho = ao + keys;
        query.forward(theta, q, 1, cache); // Q at [0, attn)
        key.forward(theta, n, keys, rows);
        System.arraycopy(rows, 0, cache, ko, keys * attn);
        value.forward(theta, n, keys, rows);
        System.arraycopy(rows, 0, cache, vo, keys * attn);
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < keys; j++) {
            float s = 0;
            for (int a = 0; a < attn; a++) {
                s += cache[a] * cache[ko + j * attn + a];
            }
            s *= scale;
            cache[ao + j] = s;
            max = Math.max(max, s);
        }
        float sum = 0;
        for (int j = 0; j < keys; j++) {
            float e = (float) Math.exp(cache[ao + j] - max);
            cache[ao + j] = e;
            sum += e;
        }
        Arrays.fill(h, 0f);
        for (int j = 0; j < keys; j++) {
            float w = cache[ao + j] / sum;
            cache[ao + j] = w;
            for (int a = 0; a < attn; a++) {
                h[a] += w * cache[vo + j * attn + a];
            }
        }
        System.arraycopy(h, 0, cache, ho, attn);
        output.forward(theta, h, 1, result);
    }

    /**
     * Back-propagates {@code dOut} (width out) through what {@link #forward} cached: adds parameter gradients to
     * {@code grad}; when {@code dq} is not null adds the query's gradient into it (width in); when {@code dn} is not
     * null adds, for each key row, the gradient of input columns {@code [nFrom, nTo)} into {@code dn}
     * ({@code keys × in}). Does nothing when {@code keys == 0}.
     */
    public void backward(float[] theta, float[] grad, float[] q, float[] n, int keys, float[] cache, float[] dOut,
                         float[] dq, float[] dn, int nFrom, int nTo) {
        checkKeys(keys, cache);
        if (keys == 0) {
            return;
        }
        int ko = attn;
        int vo = ko + keys * attn;
        int ao = vo + keys * attn;
        int ho = ao + keys;
        System.arraycopy(cache, ho, h, 0, attn);
        output.backward(theta, grad, h, dOut, 1, dh);
        float dot = 0;
        for (int j = 0; j < keys; j++) {
            float alpha = cache[ao + j];
            float s = 0;
            for (int a = 0; a < attn; a++) {
                s += dh[a] * cache[vo + j * attn + a];
                dV[j * attn + a] = alpha * dh[a];
            }
            dalpha[j] = s;
            dot += alpha * s;
        }
        Arrays.fill(dQ, 0f);
        for (int j = 0; j < keys; j++) {
            float ds = cache[ao + j] * (dalpha[j] - dot) * scale;
            for (int a = 0; a < attn; a++) {
                dQ[a] += ds * cache[ko + j * attn + a];
                dK[j * attn + a] = ds * cache[a];
            }
        }
        if (dq != null) {
            query.backward(theta, grad, q, dQ, 1, dqIn);
            for (int i = 0; i < in; i++) {
                dq[i] += dqIn[i];
            }
        } else {
            query.backward(theta, grad, q, dQ, 1, null);
        }
        key.backward(theta, grad, n, dK, keys, dn, nFrom, nTo, true);
        value.backward(theta, grad, n, dV, keys, dn, nFrom, nTo, true);
    }

    private void checkKeys(int keys, float[] cache) {
        if (keys < 0 || keys > maxKeys) {
            throw new IllegalArgumentException("keys must be in [0, " + maxKeys + "], got " + keys);
        }
        if (cache.length < cacheSize(keys)) {
            throw new IllegalArgumentException("cache must hold " + cacheSize(keys) + " floats, has "
                    + cache.length);
        }
    }
}
