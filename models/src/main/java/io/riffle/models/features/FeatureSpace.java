package io.riffle.models.features;

import java.io.Serializable;
import java.util.List;

/**
 * How raw fields become hashed features: the hashing trick (Weinberger et al. 2009) into {@code 2^bits} buckets, a
 * bias feature, and optional field crosses.
 *
 * @param bits    log2 of the number of weight buckets, 10..28
 * @param crosses field pairs crossed into extra features
 * @param seed    hash seed; changing it changes every bucket
 */
public record FeatureSpace(int bits, List<FieldCross> crosses, int seed) implements Serializable {
    public static final int DEFAULT_BITS = 20;
    public static final int MIN_BITS = 10;
    public static final int MAX_BITS = 28;

    public FeatureSpace {
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException("feature bits must be in [" + MIN_BITS + ", " + MAX_BITS
                    + "] (2^bits weight buckets), got " + bits);
        }
        crosses = List.copyOf(crosses);
    }

    public static FeatureSpace defaults() {
        return new FeatureSpace(DEFAULT_BITS, List.of(), 0);
    }

    public int size() {
        return 1 << bits;
    }

    public int mask() {
        return size() - 1;
    }
}
