package io.riffle.models.features;

import io.riffle.models.event.HashedImpression;
import io.riffle.models.event.Impression;

/**
 * Turns an {@link Impression}'s fields into 32-bit feature hashes (the hashing trick, Weinberger et al. 2009).
 *
 * <ul>
 *   <li>categorical {@code field=value}: hash of the value seeded with the hash of the field name, value 1;
 *   <li>numeric {@code field}: hash of the field name, value the number;
 *   <li>bias: a constant hash, value 1;
 *   <li>cross {@code a:b}: {@link Murmur3#hashInt} of the two features' hashes, value their product.
 * </ul>
 *
 * <p>Hashes are kept at 32 bits; a learner reduces them to its table size with {@code hash & mask}, so the same stream
 * feeds models of any size. Thread-compatible, stateless apart from its configuration.
 */
public final class FeatureHasher {
    /** The bias feature's hash. */
    public static final int BIAS_HASH = Murmur3.hashChars("__bias__", 0x5bd1e995);

    private final FeatureSpace space;

    public FeatureHasher(FeatureSpace space) {
        this.space = space;
    }

    public FeatureSpace space() {
        return space;
    }

    public int fieldHash(String field) {
        return Murmur3.hashChars(field, space.seed());
    }

    public int categoricalHash(String field, String value) {
        return Murmur3.hashChars(value, fieldHash(field));
    }

    public int numericHash(String field) {
        return Murmur3.hashChars(field, ~space.seed());
    }

    /** Number of features {@link #hash} produces for {@code impression}. */
    public int featureCount(Impression impression) {
        int n = 1 + impression.fields().length + impression.numericFields().length;
        for (FieldCross cross : space.crosses()) {
            if (indexOf(impression.fields(), cross.left()) >= 0 && indexOf(impression.fields(), cross.right()) >= 0) {
                n++;
            }
        }
        return n;
    }

    /** Hashes every feature of {@code impression}, bias first, then categorical, numeric and crossed features. */
    public HashedImpression hash(Impression impression) {
        int n = featureCount(impression);
        int[] hashes = new int[n];
        float[] values = new float[n];
        int k = 0;
        hashes[k] = BIAS_HASH;
        values[k++] = 1f;
        String[] fields = impression.fields();
        String[] fieldValues = impression.values();
        for (int i = 0; i < fields.length; i++) {
            hashes[k] = categoricalHash(fields[i], fieldValues[i]);
            values[k++] = 1f;
        }
        String[] numericFields = impression.numericFields();
        double[] numeric = impression.numeric();
        for (int i = 0; i < numericFields.length; i++) {
            hashes[k] = numericHash(numericFields[i]);
            values[k++] = (float) numeric[i];
        }
        int categoricalStart = 1;
        for (FieldCross cross : space.crosses()) {
            int a = indexOf(fields, cross.left());
            int b = indexOf(fields, cross.right());
            if (a >= 0 && b >= 0) {
                hashes[k] = Murmur3.hashInt(hashes[categoricalStart + a], hashes[categoricalStart + b]);
                values[k++] = 1f;
            }
        }
        return new HashedImpression(impression.id(), impression.time(), impression.seq(), hashes, values,
                impression.label());
    }

    private static int indexOf(String[] fields, String name) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
