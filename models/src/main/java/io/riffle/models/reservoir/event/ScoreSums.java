package io.riffle.models.reservoir.event;

/**
 * Additive sums from which the job's NRMSE over many keys is computed, per configured horizon i. Keys measure in
 * their own units, so the job's figure is scale-free: the root mean square of the keys' own NRMSEs, each key weighted
 * by the forecasts it has had scored,
 *
 * <pre>
 *   nrmse_i = sqrt( Σ_keys n_k · NRMSE_k² / Σ_keys n_k )
 * </pre>
 *
 * (for one key, exactly its NRMSE; likewise for persistence, y(t+k) = y(t), on the same points). A key adds the
 * change of its n·NRMSE² and n since its previous report, so the sums over all reports are the sums over the keys'
 * latest values. A key counts once its targets have spread (its NRMSE is defined).
 *
 * @param points                    points learned from
 * @param count                     forecasts scored, per horizon
 * @param weight                    Σ n_k over keys whose NRMSE is defined
 * @param weightedNrmse2            Σ n_k · NRMSE_k²
 * @param weightedPersistenceNrmse2 Σ n_k · NRMSE_k² of persistence
 * @param diverged                  forecasts that were not finite (a diverged closed loop), not scored, per horizon
 */
public record ScoreSums(long points, long[] count, double[] weight, double[] weightedNrmse2,
        double[] weightedPersistenceNrmse2, long[] diverged) {
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
        double[] w = new double[h];
        double[] m = new double[h];
        double[] p = new double[h];
        long[] d = new long[h];
        for (int i = 0; i < h; i++) {
            c[i] = count[i] + o.count[i];
            w[i] = weight[i] + o.weight[i];
            m[i] = weightedNrmse2[i] + o.weightedNrmse2[i];
            p[i] = weightedPersistenceNrmse2[i] + o.weightedPersistenceNrmse2[i];
            d[i] = diverged[i] + o.diverged[i];
        }
        return new ScoreSums(points + o.points, c, w, m, p, d);
    }

    /** The keys' NRMSE at horizon {@code i} (see the class comment); NaN before any key's is defined. */
    public double nrmse(int i) {
        return weight[i] > 0 ? Math.sqrt(Math.max(0, weightedNrmse2[i]) / weight[i]) : Double.NaN;
    }

    /** Persistence's, on the same points. */
    public double persistenceNrmse(int i) {
        return weight[i] > 0 ? Math.sqrt(Math.max(0, weightedPersistenceNrmse2[i]) / weight[i]) : Double.NaN;
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
