package io.riffle.models.reservoir;

/**
 * SplitMix64 (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number generators"): the generator behind
 * every fixed weight and every seeded draw of the reservoir layer.
 *
 * <p>Written out here rather than taken from {@link java.util.SplittableRandom} so that the bit stream, the
 * {@code double} mapping and the Gaussian transform are specified by this file alone: the same seed gives the same
 * reservoir on every JDK, which the golden state files rely on (the fixed weights are regenerated from the seed, never
 * stored). Independent streams come from {@link #stream(long, long)}: one per weight matrix, so adding a matrix never
 * shifts the draws of another (random streams are split, not shared).
 *
 * <pre>
 *   state += 0x9E3779B97F4A7C15
 *   z = state; z = (z ^ z>>>30) * 0xBF58476D1CE4E5B9; z = (z ^ z>>>27) * 0x94D049BB133111EB; return z ^ z>>>31
 *   nextDouble = (nextLong >>> 11) * 2^-53                       in [0, 1)
 *   nextGaussian = sqrt(-2 ln(1 - u1)) * cos(2 pi u2)            Box-Muller, one value per two uniforms
 * </pre>
 *
 * <p>Not thread-safe; used only while weights are built.
 */
public final class SeededRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** An independent stream {@code streamId} of {@code seed}: the seed and the id are mixed, not added. */
    public static SeededRandom stream(long seed, long streamId) {
        return new SeededRandom(mix64(seed ^ mix64(streamId * GOLDEN_GAMMA + 0x632BE59BD9B4E019L)));
    }

    public long nextLong() {
        return mix64(state += GOLDEN_GAMMA);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform integer in [0, bound), by Lemire's multiply-shift (bias below 2^-32 for the bounds used here). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /**
     * Standard normal by Box-Muller (cosine branch only, so each call consumes exactly two uniforms). Uses
     * {@link StrictMath} so the values are the same on every platform.
     */
    public double nextGaussian() {
        double u1 = nextDouble();
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** +1 or -1 with equal probability. */
    public double nextSign() {
        return nextLong() < 0 ? -1.0 : 1.0;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
