package io.riffle.connectors.reservoir;

/**
 * A whole series in memory, for generators, bundled data and benchmarks: its key, d, the values ({@code length × d},
 * point-major) and a line saying what it is (parameters, source).
 */
public record Series(String key, int dims, double[] values, String description) {
    public Series {
        if (dims < 1 || values.length % dims != 0) {
            throw new IllegalArgumentException("a series of " + dims + " dims cannot have " + values.length
                    + " values");
        }
    }

    public int length() {
        return values.length / dims;
    }

    /** Point {@code t} (a copy). */
    public double[] point(int t) {
        double[] p = new double[dims];
        System.arraycopy(values, t * dims, p, 0, dims);
        return p;
    }

    /** The same values under another key. */
    public Series withKey(String newKey) {
        return new Series(newKey, dims, values, description);
    }
}
