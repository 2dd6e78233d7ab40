package io.riffle.models.graph;

import io.riffle.models.metrics.MeanReciprocalRank;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Prequential link-prediction metrics of the model, EdgeBank and recency ({@link #SCORERS}) over a whole stream, in a
 * form an operator can checkpoint incrementally: exact AP and AUC over (observed destination, one random negative)
 * pairs — the TGN/DyGLib protocol — and MRR over sampled negatives — the TGB protocol — kept apart.
 *
 * <p>The AP/AUC numbers equal {@link io.riffle.models.metrics.LinkPredictionMetrics}'s (and so
 * {@link LinkEvaluation}'s) bit for bit: both sum over distinct scores in the same order. Here the scores are kept
 * sorted per scorer and per class, and new pairs are merged in when a value is asked for, so a value costs O(n)
 * rather than a sort of the whole stream. MRR accumulates {@code 1/rank} in stream order
 * ({@link MeanReciprocalRank#rank}, ties count half).
 *
 * <p><b>State.</b> The pairs are logged in chunks of {@link #CHUNK} pairs ({@link #encodeChunk}); the chunks changed
 * since the last {@link #drainDirtyChunks} are the only ones a checkpoint has to write (the log only grows, so only
 * the last chunk is ever rewritten). The MRR sums and counts are in {@link #metaBytes}. Memory: about 100 bytes per
 * pair (the log and the sorted copies).
 *
 * <p>NaN scores sort above every number (as {@link Double#compare} orders them) and tie with each other.
 */
public final class PrequentialLinkMetrics {
    /** The scorers tracked, in the order of {@link #averagePrecision(int)} and friends. */
    public static final LinkScorer[] SCORERS = {LinkScorer.MODEL, LinkScorer.EDGEBANK, LinkScorer.RECENCY};
    /** Pairs per checkpoint chunk. */
    public static final int CHUNK = 1024;
    private static final int META_FORMAT = 1;
    private static final int CHUNK_FORMAT = 1;

    private final int k = SCORERS.length;
    private final int stride = 2 * k;
    private double[] log = new double[CHUNK * stride];
    private int pairs;
    private int firstDirtyChunk;
    private final double[][] positives = new double[k][];
    private final double[][] negatives = new double[k][];
    private int sortedPairs;
    private final double[] mrrSum = new double[k];
    private long mrrQueries;
    private double[] buffer = new double[16];
    private double[] merge = new double[0];

    public PrequentialLinkMetrics() {
        for (int j = 0; j < k; j++) {
            positives[j] = new double[0];
            negatives[j] = new double[0];
        }
    }

    /** Adds one interaction's scores (computed before it was learned from). */
    public void add(LinkScores s) {
        if (s.hasApNegative()) {
            if ((pairs + 1) * stride > log.length) {
                log = Arrays.copyOf(log, log.length * 2);
            }
            int o = pairs * stride;
            for (int j = 0; j < k; j++) {
                log[o + 2 * j] = s.score(SCORERS[j], LinkScores.POSITIVE);
                log[o + 2 * j + 1] = s.score(SCORERS[j], LinkScores.AP_NEGATIVE);
            }
            pairs++;
        }
        int n = s.mrrNegatives();
        if (n > 0) {
            if (buffer.length < n) {
                buffer = new double[n];
            }
            for (int j = 0; j < k; j++) {
                s.mrrNegativeScores(SCORERS[j], buffer);
                mrrSum[j] += 1.0 / MeanReciprocalRank.rank(s.score(SCORERS[j], LinkScores.POSITIVE), buffer, n);
            }
            mrrQueries++;
        }
    }

    public long pairs() {
        return pairs;
    }

    public long mrrQueries() {
        return mrrQueries;
    }

    /** Exact average precision of scorer {@code SCORERS[j]}, or NaN before the first pair. */
    public double averagePrecision(int j) {
        if (pairs == 0) {
            return Double.NaN;
        }
        sort();
        double[] p = positives[j];
        double[] q = negatives[j];
        int i = pairs - 1;
        int m = pairs - 1;
        double ap = 0;
        long truePositives = 0;
        long seen = 0;
        while (i >= 0 || m >= 0) {
            double s = i < 0 ? q[m] : m < 0 ? p[i] : Double.compare(p[i], q[m]) >= 0 ? p[i] : q[m];
            long pos = 0;
            while (i >= 0 && same(p[i], s)) {
                pos++;
                i--;
            }
            long neg = 0;
            while (m >= 0 && same(q[m], s)) {
                neg++;
                m--;
            }
            seen += pos + neg;
            truePositives += pos;
            if (pos > 0) {
                ap += ((double) pos / pairs) * ((double) truePositives / seen);
            }
        }
        return ap;
    }

    /** Exact ROC AUC of scorer {@code SCORERS[j]} (ties count half), or NaN before the first pair. */
    public double auc(int j) {
        if (pairs == 0) {
            return Double.NaN;
        }
        sort();
        double[] p = positives[j];
        double[] q = negatives[j];
        int i = 0;
        int m = 0;
        double sum = 0;
        long negativesBelow = 0;
        while (i < pairs || m < pairs) {
            double s = i == pairs ? q[m] : m == pairs ? p[i] : Double.compare(p[i], q[m]) <= 0 ? p[i] : q[m];
            long pos = 0;
            while (i < pairs && same(p[i], s)) {
                pos++;
                i++;
            }
            long neg = 0;
            while (m < pairs && same(q[m], s)) {
                neg++;
                m++;
            }
            sum += pos * (negativesBelow + 0.5 * neg);
            negativesBelow += neg;
        }
        return sum / ((double) pairs * pairs);
    }

    /** Mean reciprocal rank of scorer {@code SCORERS[j]}, or NaN before the first query (or when MRR is off). */
    public double mrr(int j) {
        return mrrQueries == 0 ? Double.NaN : mrrSum[j] / mrrQueries;
    }

    private static boolean same(double a, double b) {
        return a == b || Double.compare(a, b) == 0;
    }

    /** Merges the pairs added since the last query into the sorted copies. */
    private void sort() {
        if (sortedPairs == pairs) {
            return;
        }
        int fresh = pairs - sortedPairs;
        double[] add = new double[fresh];
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < 2; c++) {
                for (int r = 0; r < fresh; r++) {
                    add[r] = log[(sortedPairs + r) * stride + 2 * j + c];
                }
                Arrays.sort(add);
                double[][] target = c == 0 ? positives : negatives;
                target[j] = mergeSorted(target[j], sortedPairs, add, fresh);
            }
        }
        sortedPairs = pairs;
    }

    private double[] mergeSorted(double[] a, int na, double[] b, int nb) {
        double[] out = a.length >= na + nb ? a : Arrays.copyOf(a, Math.max(na + nb, 2 * a.length));
        if (merge.length < na) {
            merge = new double[Math.max(na, 2 * merge.length)];
        }
        System.arraycopy(a, 0, merge, 0, na);
        int i = 0;
        int m = 0;
        int o = 0;
        while (i < na && m < nb) {
            out[o++] = Double.compare(merge[i], b[m]) <= 0 ? merge[i++] : b[m++];
        }
        while (i < na) {
            out[o++] = merge[i++];
        }
        while (m < nb) {
            out[o++] = b[m++];
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------- checkpoints

    /** Number of chunks the log spans. */
    public int chunkCount() {
        return (pairs + CHUNK - 1) / CHUNK;
    }

    /** The chunks changed since the previous call (then considered written). */
    public int[] drainDirtyChunks() {
        int last = chunkCount();
        int[] out = new int[Math.max(0, last - firstDirtyChunk)];
        for (int c = firstDirtyChunk; c < last; c++) {
            out[c - firstDirtyChunk] = c;
        }
        firstDirtyChunk = pairs / CHUNK;
        return out;
    }

    /** Chunk {@code c} as bytes: format (byte), pair count (int), then per pair 2 × {@code SCORERS.length} doubles. */
    public byte[] encodeChunk(int c) {
        int from = c * CHUNK;
        int n = Math.min(CHUNK, pairs - from);
        if (c < 0 || n <= 0) {
            throw new IllegalArgumentException("chunk " + c + " is outside the log (" + pairs + " pairs)");
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(5 + n * stride * 8);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(CHUNK_FORMAT);
            out.writeInt(n);
            for (int i = from * stride; i < (from + n) * stride; i++) {
                out.writeDouble(log[i]);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The MRR sums, query and pair counts: format (int), pairs (int), queries (long), sums (doubles). */
    public byte[] metaBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(META_FORMAT);
            out.writeInt(k);
            out.writeInt(pairs);
            out.writeLong(mrrQueries);
            for (double v : mrrSum) {
                out.writeDouble(v);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Restores metrics from {@link #metaBytes} and every chunk ({@code chunks[c]} = {@link #encodeChunk}(c)).
     *
     * @throws IOException if the bytes are not metrics of this format or the chunks do not add up
     */
    public static PrequentialLinkMetrics restore(byte[] meta, byte[][] chunks) throws IOException {
        PrequentialLinkMetrics m = new PrequentialLinkMetrics();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(meta));
        int format = in.readInt();
        if (format != META_FORMAT) {
            throw new IOException("link metrics format " + format + " is not readable by this build (reads "
                    + META_FORMAT + ")");
        }
        if (in.readInt() != m.k) {
            throw new IOException("link metrics were kept for another set of scorers");
        }
        int pairs = in.readInt();
        m.mrrQueries = in.readLong();
        for (int j = 0; j < m.k; j++) {
            m.mrrSum[j] = in.readDouble();
        }
        if (chunks.length != (pairs + CHUNK - 1) / CHUNK) {
            throw new IOException("link metrics hold " + pairs + " pairs but " + chunks.length + " chunks");
        }
        m.log = new double[Math.max(CHUNK, chunks.length * CHUNK) * m.stride];
        for (int c = 0; c < chunks.length; c++) {
            DataInputStream ci = new DataInputStream(new ByteArrayInputStream(chunks[c]));
            if (ci.readByte() != CHUNK_FORMAT) {
                throw new IOException("link metrics chunk " + c + " has an unknown format");
            }
            int n = ci.readInt();
            if (n != Math.min(CHUNK, pairs - c * CHUNK)) {
                throw new IOException("link metrics chunk " + c + " holds " + n + " pairs, expected "
                        + Math.min(CHUNK, pairs - c * CHUNK));
            }
            for (int i = c * CHUNK * m.stride; i < (c * CHUNK + n) * m.stride; i++) {
                m.log[i] = ci.readDouble();
            }
        }
        m.pairs = pairs;
        m.firstDirtyChunk = pairs / CHUNK;
        return m;
    }
}
