package io.riffle.models.ctr;

import io.riffle.models.event.HashedImpression;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The scoring side of a hashed linear model: a dense weight table kept current by applying {@link LinearModelUpdate}s
 * in version order. Scoring is {@code σ(Σ w[hash & mask] x)}.
 */
public final class LinearScorer {
    private static final int FORMAT = 1;

    private final int bits;
    private final int mask;
    private final float[] weights;
    private long version = -1;
    private long asOf = Long.MIN_VALUE;

    public LinearScorer(int bits) {
        this.bits = bits;
        this.mask = (1 << bits) - 1;
        this.weights = new float[1 << bits];
    }

    /** Applies {@code update}; a version not newer than the current one is ignored (a replay after a restore). */
    public boolean apply(LinearModelUpdate update) {
        if (update.bits() != bits) {
            throw new IllegalArgumentException("model update has 2^" + update.bits() + " weights but this scorer holds"
                    + " 2^" + bits + ": trainer and scorer must use the same --bits");
        }
        if (update.version() <= version) {
            return false;
        }
        if (update.full()) {
            Arrays.fill(weights, 0f);
        }
        int[] idx = update.indices();
        float[] w = update.weights();
        for (int k = 0; k < idx.length; k++) {
            weights[idx[k]] = w[k];
        }
        version = update.version();
        asOf = update.asOf();
        return true;
    }

    public double score(HashedImpression impression) {
        return score(impression.hashes(), impression.values(), impression.hashes().length);
    }

    public double score(int[] hashes, float[] values, int count) {
        double margin = 0;
        for (int k = 0; k < count; k++) {
            margin += weights[hashes[k] & mask] * values[k];
        }
        return LogisticLoss.sigmoid(margin);
    }

    /** The version applied last, or -1 before the first. */
    public long version() {
        return version;
    }

    public long asOf() {
        return asOf;
    }

    public int bits() {
        return bits;
    }

    public float weight(int index) {
        return weights[index];
    }

    /** Writes the non-zero weights and the version. */
    public void write(DataOutput out) throws IOException {
        out.writeInt(FORMAT);
        out.writeInt(bits);
        out.writeLong(version);
        out.writeLong(asOf);
        int nonZero = 0;
        for (float w : weights) {
            if (w != 0f) {
                nonZero++;
            }
        }
        out.writeInt(nonZero);
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] != 0f) {
                out.writeInt(i);
                out.writeFloat(weights[i]);
            }
        }
    }

    public static LinearScorer read(DataInput in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("unknown scorer-state format " + format + " (this build reads " + FORMAT + ")");
        }
        LinearScorer s = new LinearScorer(in.readInt());
        s.version = in.readLong();
        s.asOf = in.readLong();
        int nonZero = in.readInt();
        for (int k = 0; k < nonZero; k++) {
            int i = in.readInt();
            s.weights[i] = in.readFloat();
        }
        return s;
    }
}
