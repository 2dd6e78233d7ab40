package io.riffle.models.reservoir.forecast;

import io.riffle.models.reservoir.event.ScoreSums;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Prequential scores of one key's multi-step forecasts, and of persistence on the same points. The forecast of
 * horizon k made at point t is scored when point t+k arrives (horizons count points):
 *
 * <pre>
 *   e_k(t+k) = ŷ_k(t) − u(t+k)            (model)        p_k(t+k) = u(t) − u(t+k)      (persistence)
 *   NRMSE_k  = sqrt( Σ_j Σ e² / Σ_j M2_j )               M2_j: Welford sum of squared deviations of the targets
 * </pre>
 *
 * pooled over dimensions j, normalised by the population spread of the targets scored at that horizon (as
 * {@link io.riffle.models.metrics.NrmseAccumulator}). Only forecasts made after the washout ({@code warm}) are scored,
 * so horizon 1 scores exactly the points the forecaster's own one-step NRMSE counts. A forecast that is not finite (a
 * diverged closed loop) is counted as diverged and not scored.
 *
 * <p>Besides the running totals it keeps what it reported at the last {@link #drain}, so that a drain gives the
 * increment a key adds to the job's sums ({@link ScoreSums}). Memory: the last max(k) values and forecasts
 * (max(k)·(1 + H)·d doubles).
 *
 * <p>State format ({@link #write}, version {@value #FORMAT}, big-endian): format, H, the horizons, d, points seen,
 * then rings (values, forecasts, warm flags), totals per horizon and dimension (count, sse, persistence sse, mean,
 * m2, diverged), the counts since the last drain (points, count, diverged) and the values drained last (n,
 * n·NRMSE², n·persistence NRMSE²).
 */
public final class HorizonScores {
    static final int FORMAT = 1;

    private final int[] horizons;
    private final int d;
    private final int ring;
    private final int hn;
    private long points;
    private final double[] values;
    private final double[] forecasts;
    private final boolean[] warm;
    private final long[] count;
    private final double[] sse;
    private final double[] persistenceSse;
    private final double[] mean;
    private final double[] m2;
    private final long[] diverged;
    private long sincePoints;
    private final long[] sinceCount;
    private final long[] sinceDiverged;
    // the key's n and n·NRMSE² (model, persistence) as of the last drain
    private final double[] drainedWeight;
    private final double[] drainedNrmse2;
    private final double[] drainedPersistence2;

    /** Empty scores for {@code horizons} (ascending, distinct, ≥ 1) and {@code dims}-dimensional points. */
    public HorizonScores(int[] horizons, int dims) {
        checkHorizons(horizons);
        if (dims < 1) {
            throw new IllegalArgumentException("scores need dims >= 1, got " + dims);
        }
        this.horizons = horizons.clone();
        this.d = dims;
        this.hn = horizons.length;
        this.ring = horizons[hn - 1];
        this.values = new double[ring * d];
        this.forecasts = new double[ring * hn * d];
        this.warm = new boolean[ring];
        this.count = new long[hn];
        this.sse = new double[hn * d];
        this.persistenceSse = new double[hn * d];
        this.mean = new double[hn * d];
        this.m2 = new double[hn * d];
        this.diverged = new long[hn];
        this.sinceCount = new long[hn];
        this.sinceDiverged = new long[hn];
        this.drainedWeight = new double[hn];
        this.drainedNrmse2 = new double[hn];
        this.drainedPersistence2 = new double[hn];
    }

    /** Fails unless {@code horizons} is non-empty, ascending, distinct and in [1, 10000]. */
    public static void checkHorizons(int[] horizons) {
        if (horizons == null || horizons.length == 0) {
            throw new IllegalArgumentException("at least one forecast horizon is needed");
        }
        for (int i = 0; i < horizons.length; i++) {
            if (horizons[i] < 1 || horizons[i] > 10_000 || (i > 0 && horizons[i] <= horizons[i - 1])) {
                throw new IllegalArgumentException("horizons must be ascending, distinct and in [1, 10000], got "
                        + Arrays.toString(horizons));
            }
        }
    }

    public int[] horizons() {
        return horizons.clone();
    }

    public int dims() {
        return d;
    }

    /** Points seen. */
    public long points() {
        return points;
    }

    /**
     * Scores {@code value}, the key's next point, against the forecasts made 1..max(k) points before it, then
     * remembers it with the forecasts made now.
     *
     * @param value     u(t), d finite values (checked by the forecaster before)
     * @param made      the forecasts made at this point, {@code H×d} horizon-major, in the order of the horizons
     * @param warmNow   whether those forecasts count (made after the washout)
     */
    public void add(double[] value, double[] made, boolean warmNow) {
        for (int i = 0; i < hn; i++) {
            long from = points - horizons[i];
            if (from < 0) {
                continue;
            }
            int slot = (int) (from % ring);
            if (!warm[slot]) {
                continue;
            }
            int f = (slot * hn + i) * d;
            boolean finite = true;
            for (int j = 0; j < d; j++) {
                finite &= Double.isFinite(forecasts[f + j]);
            }
            if (!finite) {
                diverged[i]++;
                sinceDiverged[i]++;
                continue;
            }
            long n = ++count[i];
            sinceCount[i]++;
            for (int j = 0; j < d; j++) {
                int ij = i * d + j;
                double x = value[j];
                double e = forecasts[f + j] - x;
                double p = values[slot * d + j] - x;
                double delta = x - mean[ij];
                mean[ij] += delta / n;
                m2[ij] += delta * (x - mean[ij]);
                sse[ij] += e * e;
                persistenceSse[ij] += p * p;
            }
        }
        int slot = (int) (points % ring);
        System.arraycopy(value, 0, values, slot * d, d);
        System.arraycopy(made, 0, forecasts, slot * hn * d, hn * d);
        warm[slot] = warmNow;
        points++;
        sincePoints++;
    }

    /** Forecasts scored at the i-th horizon. */
    public long count(int i) {
        return count[i];
    }

    /** The key's NRMSE at the i-th horizon, pooled over dimensions; NaN before its targets spread. */
    public double nrmse(int i) {
        return ratio(sse, i);
    }

    /** Persistence's NRMSE at the i-th horizon on the same points. */
    public double persistenceNrmse(int i) {
        return ratio(persistenceSse, i);
    }

    private double ratio(double[] errors, int i) {
        double e = 0;
        double v = 0;
        for (int j = 0; j < d; j++) {
            e += errors[i * d + j];
            v += m2[i * d + j];
        }
        return count[i] >= 2 && v > 0 ? Math.sqrt(e / v) : Double.NaN;
    }

    public double[] nrmseByHorizon() {
        double[] out = new double[hn];
        for (int i = 0; i < hn; i++) {
            out[i] = nrmse(i);
        }
        return out;
    }

    public double[] persistenceNrmseByHorizon() {
        double[] out = new double[hn];
        for (int i = 0; i < hn; i++) {
            out[i] = persistenceNrmse(i);
        }
        return out;
    }

    /**
     * The increment since the previous drain (or the start), and starts a new one: points, forecasts scored and
     * diverged, and the change of this key's n and n·NRMSE² at each horizon ({@link ScoreSums}).
     */
    public ScoreSums drain() {
        double[] weight = new double[hn];
        double[] nrmse2 = new double[hn];
        double[] persistence2 = new double[hn];
        for (int i = 0; i < hn; i++) {
            double r = nrmse(i);
            double n = Double.isNaN(r) ? 0 : count[i];
            double wr = n == 0 ? 0 : n * r * r;
            double pr = persistenceNrmse(i);
            double wp = n == 0 ? 0 : n * pr * pr;
            weight[i] = n - drainedWeight[i];
            nrmse2[i] = wr - drainedNrmse2[i];
            persistence2[i] = wp - drainedPersistence2[i];
            drainedWeight[i] = n;
            drainedNrmse2[i] = wr;
            drainedPersistence2[i] = wp;
        }
        ScoreSums out = new ScoreSums(sincePoints, sinceCount.clone(), weight, nrmse2, persistence2,
                sinceDiverged.clone());
        sincePoints = 0;
        Arrays.fill(sinceCount, 0);
        Arrays.fill(sinceDiverged, 0);
        return out;
    }

    /** True when every part is bit-for-bit equal. */
    public boolean sameState(HorizonScores o) {
        return Arrays.equals(o.horizons, horizons) && o.d == d && o.points == points
                && Arrays.equals(o.values, values) && Arrays.equals(o.forecasts, forecasts)
                && Arrays.equals(o.warm, warm) && Arrays.equals(o.count, count) && Arrays.equals(o.sse, sse)
                && Arrays.equals(o.persistenceSse, persistenceSse) && Arrays.equals(o.mean, mean)
                && Arrays.equals(o.m2, m2) && Arrays.equals(o.diverged, diverged) && o.sincePoints == sincePoints
                && Arrays.equals(o.sinceCount, sinceCount) && Arrays.equals(o.sinceDiverged, sinceDiverged)
                && Arrays.equals(o.drainedWeight, drainedWeight) && Arrays.equals(o.drainedNrmse2, drainedNrmse2)
                && Arrays.equals(o.drainedPersistence2, drainedPersistence2);
    }

    /** Bytes {@link #write} produces. */
    public int serializedSize() {
        return Integer.BYTES * (3 + hn) + Long.BYTES * 2 + ring
                + Double.BYTES * (values.length + forecasts.length + 4 * hn * d + 3 * hn)
                + Long.BYTES * 4 * hn;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(FORMAT);
        out.writeInt(hn);
        for (int k : horizons) {
            out.writeInt(k);
        }
        out.writeInt(d);
        out.writeLong(points);
        writeDoubles(out, values);
        writeDoubles(out, forecasts);
        for (boolean w : warm) {
            out.writeBoolean(w);
        }
        writeLongs(out, count);
        writeDoubles(out, sse);
        writeDoubles(out, persistenceSse);
        writeDoubles(out, mean);
        writeDoubles(out, m2);
        writeLongs(out, diverged);
        out.writeLong(sincePoints);
        writeLongs(out, sinceCount);
        writeLongs(out, sinceDiverged);
        writeDoubles(out, drainedWeight);
        writeDoubles(out, drainedNrmse2);
        writeDoubles(out, drainedPersistence2);
    }

    /** Reads what {@link #write} wrote. */
    public static HorizonScores read(DataInput in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("horizon-scores format " + format + " is not readable by this build (reads "
                    + FORMAT + ")");
        }
        int hn = in.readInt();
        if (hn < 1 || hn > 10_000) {
            throw new IOException("horizon-scores state names " + hn + " horizons");
        }
        int[] horizons = new int[hn];
        for (int i = 0; i < hn; i++) {
            horizons[i] = in.readInt();
        }
        HorizonScores s;
        try {
            s = new HorizonScores(horizons, in.readInt());
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt horizon-scores state: " + e.getMessage(), e);
        }
        s.points = in.readLong();
        readDoubles(in, s.values);
        readDoubles(in, s.forecasts);
        for (int i = 0; i < s.warm.length; i++) {
            s.warm[i] = in.readBoolean();
        }
        readLongs(in, s.count);
        readDoubles(in, s.sse);
        readDoubles(in, s.persistenceSse);
        readDoubles(in, s.mean);
        readDoubles(in, s.m2);
        readLongs(in, s.diverged);
        s.sincePoints = in.readLong();
        readLongs(in, s.sinceCount);
        readLongs(in, s.sinceDiverged);
        readDoubles(in, s.drainedWeight);
        readDoubles(in, s.drainedNrmse2);
        readDoubles(in, s.drainedPersistence2);
        return s;
    }

    private static void writeDoubles(DataOutput out, double[] v) throws IOException {
        for (double x : v) {
            out.writeDouble(x);
        }
    }

    private static void writeLongs(DataOutput out, long[] v) throws IOException {
        for (long x : v) {
            out.writeLong(x);
        }
    }

    private static void readDoubles(DataInput in, double[] v) throws IOException {
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readDouble();
        }
    }

    private static void readLongs(DataInput in, long[] v) throws IOException {
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readLong();
        }
    }
}
