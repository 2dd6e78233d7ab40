package io.riffle.models.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Area under the ROC curve over a stream, in constant memory: positives and negatives are counted in 16384 bins of
 * the score's logit over [-16, 16] (about 0.002 wide), and pairs within one bin count one half, as tied scores do.
 * The result differs from the exact AUC only through such ties (at most a few 1e-4 on real CTR streams; the tests
 * bound it). Supports removal, so a sliding window can subtract what leaves it.
 *
 * <p>NaN scores are counted in the lowest bin.
 */
public final class StreamingAuc {
    static final int BINS = 1 << 14;
    private static final double LOGIT_RANGE = 16.0;

    private final long[] positives = new long[BINS];
    private final long[] negatives = new long[BINS];
    private long totalPositives;
    private long totalNegatives;

    /** The bin a probability falls in. */
    public static int bin(double p) {
        if (!(p > 0)) {
            return 0;
        }
        if (p >= 1) {
            return BINS - 1;
        }
        double logit = Math.log(p) - Math.log1p(-p);
        int b = (int) Math.floor((logit + LOGIT_RANGE) / (2 * LOGIT_RANGE) * BINS);
        return Math.max(0, Math.min(BINS - 1, b));
    }

    public void add(double score, int label) {
        addBin(bin(score), label, 1);
    }

    /** Adds ({@code sign} = 1) or removes ({@code sign} = -1) one example by bin. */
    public void addBin(int bin, int label, int sign) {
        if (label == 1) {
            positives[bin] += sign;
            totalPositives += sign;
        } else {
            negatives[bin] += sign;
            totalNegatives += sign;
        }
    }

    /** AUC, or NaN until both classes have been seen. O(bins). */
    public double value() {
        if (totalPositives == 0 || totalNegatives == 0) {
            return Double.NaN;
        }
        double pairs = 0;
        long negativesBelow = 0;
        for (int b = 0; b < BINS; b++) {
            long pos = positives[b];
            long neg = negatives[b];
            if (pos != 0) {
                pairs += pos * (negativesBelow + 0.5 * neg);
            }
            negativesBelow += neg;
        }
        return pairs / ((double) totalPositives * totalNegatives);
    }

    public void clear() {
        Arrays.fill(positives, 0);
        Arrays.fill(negatives, 0);
        totalPositives = 0;
        totalNegatives = 0;
    }

    /** Writes the non-empty bins. */
    public void write(DataOutput out) throws IOException {
        int nonEmpty = 0;
        for (int b = 0; b < BINS; b++) {
            if (positives[b] != 0 || negatives[b] != 0) {
                nonEmpty++;
            }
        }
        out.writeInt(nonEmpty);
        for (int b = 0; b < BINS; b++) {
            if (positives[b] != 0 || negatives[b] != 0) {
                out.writeShort(b);
                out.writeLong(positives[b]);
                out.writeLong(negatives[b]);
            }
        }
    }

    public void read(DataInput in) throws IOException {
        clear();
        int nonEmpty = in.readInt();
        for (int k = 0; k < nonEmpty; k++) {
            int b = in.readUnsignedShort();
            positives[b] = in.readLong();
            negatives[b] = in.readLong();
            totalPositives += positives[b];
            totalNegatives += negatives[b];
        }
    }
}
