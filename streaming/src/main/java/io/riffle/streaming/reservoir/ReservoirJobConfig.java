package io.riffle.streaming.reservoir;

import io.riffle.connectors.reservoir.SeriesCodecSpec;
import io.riffle.models.reservoir.forecast.ForecasterConfig;
import io.riffle.models.reservoir.forecast.HorizonScores;
import io.riffle.operators.common.SourceNames;
import io.riffle.operators.reservoir.ForecastSettings;
import java.util.Arrays;
import java.util.List;

/**
 * Everything that shapes a reservoir job's graph and its learning, validated on construction. Sources and sinks are
 * not here: a job is handed those ({@link ReservoirPipeline}).
 *
 * @param forecaster            the per-key forecaster (its horizon is set to the largest of {@code horizons})
 * @param horizons              forecast horizons in points ahead, ascending and distinct
 * @param codec                 how records are decoded into points
 * @param allowedLatenessMillis points this far behind the newest event time are reordered; later ones dead-lettered
 * @param watermarkStepMillis   event time advances in steps of at least this much
 * @param metricsIntervalMillis event-time cadence of per-key reports and global metrics
 * @param keyTtlMillis          a key with no point for this much event time is dropped; 0 = never
 * @param maxKeys               the most keys holding state per parallel instance
 * @param cacheBytes            heap for decoded key state between points, per parallel instance
 * @param speedup               replay pace as a multiple of event time; 0 = as fast as possible
 * @param parallelism           parallelism of the forecaster (decoding follows the source)
 */
public record ReservoirJobConfig(ForecasterConfig forecaster, int[] horizons, SeriesCodecSpec codec,
        long allowedLatenessMillis, long watermarkStepMillis, long metricsIntervalMillis, long keyTtlMillis,
        int maxKeys, long cacheBytes, double speedup, int parallelism) {
    public ReservoirJobConfig {
        HorizonScores.checkHorizons(horizons);
        horizons = horizons.clone();
        forecaster = forecaster.withHorizon(horizons[horizons.length - 1]);
        if (allowedLatenessMillis < 0) {
            throw new IllegalArgumentException("--allowed-lateness must be >= 0, got " + allowedLatenessMillis);
        }
        if (watermarkStepMillis < 0) {
            throw new IllegalArgumentException("--watermark-step must be >= 0, got " + watermarkStepMillis);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be >= 1, got " + parallelism);
        }
        if (speedup < 0 || Double.isNaN(speedup)) {
            throw new IllegalArgumentException("--speedup must be >= 0 (0 = as fast as possible), got " + speedup);
        }
        ForecastSettings.of(forecaster, horizons, metricsIntervalMillis, keyTtlMillis, maxKeys, cacheBytes,
                new SourceNames(List.of()));
    }

    /** The forecasting operator's settings. */
    public ForecastSettings settings(SourceNames sources) {
        return ForecastSettings.of(forecaster, horizons, metricsIntervalMillis, keyTtlMillis, maxKeys, cacheBytes,
                sources);
    }

    @Override
    public int[] horizons() {
        return horizons.clone();
    }

    /** One line naming the model, for logs, the dry run and the summary. */
    public String describeModel() {
        return forecaster.reservoir() + " + " + forecaster.readout() + ", features " + forecaster.features()
                + ", horizons " + Arrays.toString(horizons) + ", washout " + forecaster.washout() + " (train after "
                + forecaster.trainAfter() + "), normalised inputs " + forecaster.normalizeInputs()
                + (forecaster.refitEvery() > 0 ? ", ridge refit every " + forecaster.refitEvery() : "");
    }
}
