package io.riffle.models.event;

/**
 * Packs a record's origin into one {@code long} that orders records totally: the source's index (which input file or
 * partition) in the high 16 bits, the position in it (line or offset) in the low 48. Learners break ties in event
 * time with it, so a replay learns in the same order whatever the arrival order was.
 */
public final class SourcePosition {
    private static final int POSITION_BITS = 48;
    private static final long POSITION_MASK = (1L << POSITION_BITS) - 1;

    private SourcePosition() {}

    public static long pack(int sourceIndex, long position) {
        if (sourceIndex < 0 || sourceIndex > 0x7fff) {
            throw new IllegalArgumentException("source index must be in [0, 32767], got " + sourceIndex);
        }
        return ((long) sourceIndex << POSITION_BITS) | (position & POSITION_MASK);
    }

    public static int sourceIndex(long packed) {
        return (int) (packed >>> POSITION_BITS);
    }

    public static long position(long packed) {
        return packed & POSITION_MASK;
    }
}
