package io.riffle.models.features;

/**
 * MurmurHash3 x86 32-bit (Austin Appleby, public domain) over the UTF-16 code units of a string, two per 32-bit block,
 * as Guava's {@code hashUnencodedChars} does. Written here rather than taken from a library because the feature
 * hasher calls it twice per feature on the hot path and must not allocate (no byte encoding, no hasher objects).
 */
public final class Murmur3 {
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Murmur3() {}

    /** Hash of {@code s} with {@code seed}. */
    public static int hashChars(CharSequence s, int seed) {
        int h1 = seed;
        int length = s.length();
        int i = 1;
        for (; i < length; i += 2) {
            int k1 = s.charAt(i - 1) | (s.charAt(i) << 16);
            h1 = mixH1(h1, mixK1(k1));
        }
        if ((length & 1) == 1) {
            h1 ^= mixK1(s.charAt(length - 1));
        }
        return fmix(h1, 2 * length);
    }

    /** Hash of one int with {@code seed}: used to combine two feature hashes into a cross. */
    public static int hashInt(int value, int seed) {
        return fmix(mixH1(seed, mixK1(value)), 4);
    }

    private static int mixK1(int k1) {
        k1 *= C1;
        k1 = Integer.rotateLeft(k1, 15);
        return k1 * C2;
    }

    private static int mixH1(int h1, int k1) {
        h1 ^= k1;
        h1 = Integer.rotateLeft(h1, 13);
        return h1 * 5 + 0xe6546b64;
    }

    private static int fmix(int h1, int length) {
        h1 ^= length;
        h1 ^= h1 >>> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >>> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >>> 16;
        return h1;
    }
}
