package io.riffle.models.nn;

/**
 * A small, splittable, serializable pseudo-random generator: SplitMix64 (Steele, Lea and Flood 2014, "Fast
 * Splittable Pseudorandom Number Generators"; the finaliser is Stafford's Mix13). The whole state is one {@code long},
 * so a learner can checkpoint its random streams bit for bit, which {@link java.util.Random} does not allow.
 *
 * <p>Streams are split, never shared (CONVENTIONS 9): {@link #split()} derives an independent generator, so drawing
 * more from one stream (say, training negatives) never shifts another (evaluation negatives). Not thread-safe.
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    /** A generator seeded with {@code seed}; equal seeds give equal streams. */
    public Rng(long seed) {
        this.state = seed;
    }

    /** The full state, for checkpoints; {@code new Rng(r.state())} continues exactly where {@code r} is. */
    public long state() {
        return state;
    }

    public void setState(long state) {
        this.state = state;
    }

    public long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** An independent generator; advances this one by one step. */
    public Rng split() {
        return new Rng(mix(nextLong() ^ 0xD1B54A32D192ED03L));
    }

    /** Uniform in {@code [0, bound)}; {@code bound} must be positive. Lemire's nearly-divisionless method. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in {@code [-bound, bound)}. */
    public float uniform(double bound) {
        return (float) ((2 * nextDouble() - 1) * bound);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
