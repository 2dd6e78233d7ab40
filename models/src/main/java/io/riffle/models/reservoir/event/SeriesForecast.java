package io.riffle.models.reservoir.event;

/**
 * What the model of one key forecast after learning from its point u(t): y(t+k) for each configured horizon k,
 * where t+k is the k-th next point of the same key (horizons count points, not time).
 *
 * @param key          the series id
 * @param time         event time of u(t)
 * @param seq          input position of u(t)
 * @param modelVersion the version of the key's model that made the forecast: the number of points it has learned
 *                     from, u(t) included
 * @param warm         false while the key is in its washout (its reservoir and readout are still warming up)
 * @param dims         d
 * @param values       the forecasts, horizon-major: {@code values[i·d + j]} is the i-th configured horizon, dimension
 *                     j
 */
public record SeriesForecast(String key, long time, long seq, long modelVersion, boolean warm, int dims,
        double[] values) {}
