package io.riffle.models.reservoir.forecast;

/**
 * What {@link SeriesForecaster#predictThenUpdate(KeyState, double[])} returns for one point u(t) of a key.
 *
 * @param index     t, the 0-based position of this point in the key's series
 * @param warm      false while t &lt; washout: the forecasts below come from a reservoir or readout still warming up
 * @param prior     the one-step forecast of this point made at the previous point (before learning from it), d
 *                  values; null at t = 0
 * @param priorWarm whether {@code prior} was made after the washout (only those count in the key's NRMSE)
 * @param forecasts y(t+1..t+h), h×d row-major, horizon-major: {@code forecasts[(k−1)·d + j]} is horizon k,
 *                  dimension j
 * @param dims      d
 */
public record PointResult(long index, boolean warm, double[] prior, boolean priorWarm, double[] forecasts, int dims) {
    /** Forecast of dimension {@code dim} at horizon {@code k} (1-based). */
    public double forecast(int k, int dim) {
        return forecasts[(k - 1) * dims + dim];
    }

    public int horizon() {
        return forecasts.length / dims;
    }
}
