package io.riffle.operators.reservoir;

import io.riffle.models.reservoir.forecast.ForecasterConfig;
import io.riffle.models.reservoir.forecast.ForecasterConfigCodec;
import io.riffle.models.reservoir.forecast.HorizonScores;
import io.riffle.operators.common.SourceNames;
import java.io.Serializable;

/**
 * What the forecasting operator needs to know, validated on construction. The forecaster's configuration travels as
 * its versioned bytes ({@link ForecasterConfigCodec}).
 *
 * @param forecasterConfig      {@link ForecasterConfigCodec#toBytes} of the per-key forecaster; its horizon is the
 *                              largest of {@code horizons}
 * @param horizons              the horizons forecast and scored, ascending (points ahead)
 * @param metricsIntervalMillis event-time cadence of the per-key reports (and so of the global metrics)
 * @param keyTtlMillis          a key with no point for this much event time is dropped; 0 = never
 * @param maxKeys               the most keys one parallel instance holds; points of further new keys are
 *                              dead-lettered
 * @param cacheBytes            heap for keys' decoded state between their points, per parallel instance (0: only
 *                              the key at hand stays decoded)
 * @param sources               input names by index, for dead letters
 */
public record ForecastSettings(byte[] forecasterConfig, int[] horizons, long metricsIntervalMillis, long keyTtlMillis,
        int maxKeys, long cacheBytes, SourceNames sources) implements Serializable {
    public ForecastSettings {
        HorizonScores.checkHorizons(horizons);
        horizons = horizons.clone();
        ForecasterConfig config = ForecasterConfigCodec.fromBytes(forecasterConfig);
        if (config.horizon() != horizons[horizons.length - 1]) {
            throw new IllegalArgumentException("the forecaster's horizon " + config.horizon()
                    + " must be the largest configured horizon");
        }
        if (metricsIntervalMillis < 1) {
            throw new IllegalArgumentException("--metrics-interval must be at least 1 ms, got "
                    + metricsIntervalMillis);
        }
        if (keyTtlMillis < 0) {
            throw new IllegalArgumentException("--key-ttl must be >= 0 (0 = never), got " + keyTtlMillis + " ms");
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("--max-keys must be >= 1, got " + maxKeys);
        }
        if (cacheBytes < 0) {
            throw new IllegalArgumentException("--state-cache must be >= 0 MB, got " + cacheBytes + " bytes");
        }
    }

    public static ForecastSettings of(ForecasterConfig config, int[] horizons, long metricsIntervalMillis,
                                      long keyTtlMillis, int maxKeys, long cacheBytes, SourceNames sources) {
        return new ForecastSettings(ForecasterConfigCodec.toBytes(config), horizons, metricsIntervalMillis,
                keyTtlMillis, maxKeys, cacheBytes, sources);
    }

    public ForecasterConfig forecaster() {
        return ForecasterConfigCodec.fromBytes(forecasterConfig);
    }

    /** The first multiple of the metrics interval at or after {@code time}. */
    public long boundaryAtOrAfter(long time) {
        long floor = Math.floorDiv(time, metricsIntervalMillis) * metricsIntervalMillis;
        return floor == time ? time : saturatedAdd(floor, metricsIntervalMillis);
    }

    static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : r;
    }
}
