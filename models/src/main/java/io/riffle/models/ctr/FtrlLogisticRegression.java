package io.riffle.models.ctr;

import io.riffle.models.features.FeatureSpace;
import java.util.Arrays;

/**
 * Logistic regression trained online by FTRL-Proximal over hashed features (McMahan et al. 2013, "Ad Click
 * Prediction: a View from the Trenches", Algorithm 1), with per-coordinate learning rates.
 *
 * <p>Per coordinate i it keeps {@code z_i} and {@code n_i} (sum of squared gradients); the weight is computed lazily:
 *
 * <pre>
 *   w_i = 0                                                 if |z_i| ≤ λ1
 *   w_i = -(z_i - sgn(z_i) λ1) / ((β + √n_i) / α + λ2)      otherwise
 *   p   = σ(Σ w_i x_i);   g_i = (p - y) x_i
 *   σ_i = (√(n_i + g_i²) - √n_i) / α;   z_i += g_i - σ_i w_i;   n_i += g_i²
 * </pre>
 *
 * <p>Feature hashes are reduced to the table with {@code hash & (2^bits - 1)}. z and n are stored as floats (as
 * Vowpal Wabbit does), interleaved ({@code zn[2i] = z_i, zn[2i+1] = n_i}) so that a coordinate costs one cache line,
 * not two: with hashed features every coordinate is a random access, and the update is bound by memory, not
 * arithmetic. Arithmetic is in double. {@link #learn} allocates nothing once its
 * scratch buffers have grown to the widest event seen. Not thread-safe: one writer per model.
 *
 * <p>NaN or infinite feature values are the caller's to reject (decoders dead-letter them); passed here they would
 * poison the touched coordinates.
 */
public final class FtrlLogisticRegression {
    /** Coordinates per checkpoint chunk: state is written to Flink per 4096-coordinate chunk that changed. */
    public static final int CHUNK_BITS = 12;

    private final FtrlParams params;
    private final FeatureSpace space;
    private final int mask;
    private final float[] zn;
    private final TouchedSet touchedSincePublish;
    private final long[] dirtyChunks;
    private final double alpha;
    private final double beta;
    private final double l1;
    private final double l2;
    private int[] scratchIndex = new int[64];
    private double[] scratchWeight = new double[64];

    public FtrlLogisticRegression(FtrlParams params, FeatureSpace space) {
        this.params = params;
        this.space = space;
        this.mask = space.mask();
        this.zn = new float[2 * space.size()];
        this.touchedSincePublish = new TouchedSet(space.size());
        this.dirtyChunks = new long[Math.max(1, (chunkCount() + 63) >>> 6)];
        this.alpha = params.alpha();
        this.beta = params.beta();
        this.l1 = params.l1();
        this.l2 = params.l2();
    }

    public FtrlParams params() {
        return params;
    }

    public FeatureSpace space() {
        return space;
    }

    /** The current weight of coordinate {@code index} (already reduced to the table). */
    public float weight(int index) {
        return (float) weight(zn[2 * index], zn[2 * index + 1]);
    }

    private double weight(float zi, float ni) {
        double absZ = Math.abs(zi);
        if (absZ <= l1) {
            return 0.0;
        }
        return -(zi - Math.signum(zi) * l1) / ((beta + Math.sqrt(ni)) / alpha + l2);
    }

    /** Predicted click probability for the first {@code count} features; reads only. */
    public double predict(int[] hashes, float[] values, int count) {
        double margin = 0;
        for (int k = 0; k < count; k++) {
            int i = (hashes[k] & mask) << 1;
            margin += weight(zn[i], zn[i + 1]) * values[k];
        }
        return LogisticLoss.sigmoid(margin);
    }

    /**
     * Test-then-train: predicts, then updates on {@code label}.
     *
     * @return the probability predicted before the update (the progressive-validation prediction)
     */
    public double learn(int[] hashes, float[] values, int count, int label) {
        ensureScratch(count);
        int[] idx = scratchIndex;
        double[] w = scratchWeight;
        double margin = 0;
        for (int k = 0; k < count; k++) {
            int i = hashes[k] & mask;
            idx[k] = i;
            double wi = weight(zn[2 * i], zn[2 * i + 1]);
            w[k] = wi;
            margin += wi * values[k];
        }
        double p = LogisticLoss.sigmoid(margin);
        double g = LogisticLoss.gradient(p, label);
        for (int k = 0; k < count; k++) {
            int i = idx[k];
            int at = 2 * i;
            double gi = g * values[k];
            double ni = zn[at + 1];
            double nNew = ni + gi * gi;
            double sigma = (Math.sqrt(nNew) - Math.sqrt(ni)) / alpha;
            zn[at] = (float) (zn[at] + gi - sigma * w[k]);
            zn[at + 1] = (float) nNew;
            touchedSincePublish.add(i);
            dirtyChunks[i >>> (CHUNK_BITS + 6)] |= 1L << (i >>> CHUNK_BITS);
        }
        return p;
    }

    private void ensureScratch(int count) {
        if (count > scratchIndex.length) {
            int size = Math.max(count, scratchIndex.length * 2);
            scratchIndex = new int[size];
            scratchWeight = new double[size];
        }
    }

    /** Coordinates changed since the last call, ascending; empties the set. */
    public int[] drainTouched() {
        return touchedSincePublish.drainSorted();
    }

    /** Coordinates changed since the last {@link #drainTouched()}, ascending, without draining (for checkpoints). */
    public int[] touched() {
        return touchedSincePublish.toSortedArray();
    }

    /** Marks coordinates as changed since the last publication (restore of {@link #touched()}). */
    public void markTouched(int[] indices) {
        for (int i : indices) {
            touchedSincePublish.add(i);
        }
    }

    /** Number of coordinates changed since the last {@link #drainTouched()}. */
    public int touchedCount() {
        return touchedSincePublish.size();
    }

    /** Every non-zero weight's coordinate, ascending. */
    public int[] nonZeroWeights() {
        int size = space.size();
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (Math.abs(zn[2 * i]) > l1) {
                count++;
            }
        }
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < size; i++) {
            if (Math.abs(zn[2 * i]) > l1) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** The dense weight vector (for export); allocates {@code 2^bits} floats. */
    public float[] weights() {
        float[] w = new float[space.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) weight(zn[2 * i], zn[2 * i + 1]);
        }
        return w;
    }

    public int chunkCount() {
        return Math.max(1, space.size() >>> CHUNK_BITS);
    }

    public int chunkSize() {
        return Math.min(space.size(), 1 << CHUNK_BITS);
    }

    /** Chunks changed since the last call, ascending; empties the set. */
    public int[] drainDirtyChunks() {
        int count = 0;
        for (long word : dirtyChunks) {
            count += Long.bitCount(word);
        }
        int[] out = new int[count];
        int k = 0;
        for (int w = 0; w < dirtyChunks.length; w++) {
            long word = dirtyChunks[w];
            while (word != 0) {
                int bit = Long.numberOfTrailingZeros(word);
                out[k++] = (w << 6) + bit;
                word &= word - 1;
            }
            dirtyChunks[w] = 0;
        }
        return out;
    }

    /** Marks every chunk dirty, so the next checkpoint writes the whole model (after a warm start). */
    public void markAllDirty() {
        for (int c = 0; c < chunkCount(); c++) {
            dirtyChunks[c >>> 6] |= 1L << c;
        }
    }

    /** Copies chunk {@code c}'s z then n into {@code zOut}/{@code nOut} (each {@link #chunkSize()} long). */
    public void readChunk(int c, float[] zOut, float[] nOut) {
        int from = c * chunkSize();
        for (int k = 0; k < chunkSize(); k++) {
            zOut[k] = zn[2 * (from + k)];
            nOut[k] = zn[2 * (from + k) + 1];
        }
    }

    /** Overwrites chunk {@code c} with the given z and n (restore). */
    public void writeChunk(int c, float[] zIn, float[] nIn) {
        if (zIn.length != chunkSize() || nIn.length != chunkSize()) {
            throw new IllegalArgumentException("chunk arrays must hold " + chunkSize() + " values, got "
                    + zIn.length + " and " + nIn.length);
        }
        int from = c * chunkSize();
        for (int k = 0; k < chunkSize(); k++) {
            zn[2 * (from + k)] = zIn[k];
            zn[2 * (from + k) + 1] = nIn[k];
        }
    }

    /** Sets one coordinate's state (model files, tests). */
    public void setCoordinate(int index, float zi, float ni) {
        zn[2 * index] = zi;
        zn[2 * index + 1] = ni;
        touchedSincePublish.add(index);
        dirtyChunks[index >>> (CHUNK_BITS + 6)] |= 1L << (index >>> CHUNK_BITS);
    }

    public float z(int index) {
        return zn[2 * index];
    }

    public float n(int index) {
        return zn[2 * index + 1];
    }

    /** An independent copy with equal state (touched and dirty sets start empty). */
    public FtrlLogisticRegression copy() {
        FtrlLogisticRegression c = new FtrlLogisticRegression(params, space);
        System.arraycopy(zn, 0, c.zn, 0, zn.length);
        return c;
    }

    /** True when both models have bit-identical z and n and the same settings. */
    public boolean sameState(FtrlLogisticRegression other) {
        return params.equals(other.params) && space.equals(other.space) && Arrays.equals(zn, other.zn);
    }
}
