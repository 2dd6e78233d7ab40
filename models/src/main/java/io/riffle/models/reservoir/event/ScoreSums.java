package io.riffle.models.reservoir.event;

/**
 * Additive sums from which pooled NRMSEs are computed, per configured horizon i (each summed over dimensions):
 * forecasts scored, squared errors of the model and of persistence, and the targets' sum of squared deviations about
 * their own key's running mean (Welford increments). Sums of several keys add, so
 *
 * <pre>
 *   nrmse_i = sqrt( Σ_keys sse_i / Σ_keys m2_i )      persistence_i = sqrt( Σ_keys persistenceSse_i / Σ_keys m2_i )
 * </pre>
 *
 * is each key's squared NRMSE weighted by its target variance: for one key, exactly its NRMSE. Persistence predicts
 * y(t+k) = y(t) on the same points as the model.
 *
 * @param points         points learned from
 * @param count          forecasts scored, per horizon
 * @param sse            squared errors of the model's forecasts
 * @param persistenceSse squared errors of persistence on the same points
 * @param m2             sum of squared deviations of the targets from their key's running mean
 * @param diverged       forecasts that were not finite (a diverged closed loop), not scored, per horizon
 */
public record ScoreSums(long points, long[] count, double[] sse, double[] persistenceSse, double[] m2,
        long[] diverged) {
    /** All zero, for {@code horizons} horizons. */
    public static ScoreSums zero(int horizons) {
        return new ScoreSums(0, new long[horizons], new double[horizons], new double[horizons],
                new double[horizons], new long[horizons]);
    }

    public int horizons() {
        return count.length;
    }

    /** This plus {@code o} (a new record). */
    public ScoreSums plus(ScoreSums o) {
        int h = horizons();
        if (o.horizons() != h) {
            throw new IllegalArgumentException("cannot add sums over " + o.horizons() + " horizons to sums over " + h);
        }
        long[] c = new long[h];
        double[] s = new double[h];
        double[] p = new double[h];
        double[] m = new double[h];
        long[] d = new long[h];
        for (int i = 0; i < h; i++) {
            c[i] = count[i] + o.count[i];
            s[i] = sse[i] + o.sse[i];
            p[i] = persistenceSse[i] + o.persistenceSse[i];
            m[i] = m2[i] + o.m2[i];
            d[i] = diverged[i] + o.diverged[i];
        }
        return new ScoreSums(points + o.points, c, s, p, m, d);
    }

    /** Pooled NRMSE of the model at horizon {@code i}; NaN before any spread in the targets. */
    public double nrmse(int i) {
        return m2[i] > 0 ? Math.sqrt(sse[i] / m2[i]) : Double.NaN;
    }

    /** Pooled NRMSE of persistence at horizon {@code i}. */
    public double persistenceNrmse(int i) {
        return m2[i] > 0 ? Math.sqrt(persistenceSse[i] / m2[i]) : Double.NaN;
    }

    public double[] nrmseByHorizon() {
        double[] out = new double[horizons()];
        for (int i = 0; i < out.length; i++) {
            out[i] = nrmse(i);
        }
        return out;
    }

    public double[] persistenceNrmseByHorizon() {
        double[] out = new double[horizons()];
        for (int i = 0; i < out.length; i++) {
            out[i] = persistenceNrmse(i);
        }
        return out;
    }

    public long divergedTotal() {
        long total = 0;
        for (long d : diverged) {
            total += d;
        }
        return total;
    }
}
