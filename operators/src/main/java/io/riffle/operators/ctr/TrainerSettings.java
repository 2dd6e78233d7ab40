package io.riffle.operators.ctr;

import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.features.FeatureSpace;
import java.io.Serializable;

/**
 * What an FTRL trainer needs to know.
 *
 * @param model                 the model's name (its key, and the name on its versions)
 * @param ftrl                  FTRL hyperparameters
 * @param features              feature space (table size, crosses)
 * @param metricsWindow         examples in the sliding metrics window
 * @param publishIntervalMillis event-time cadence of model versions: a version as of each multiple of it
 * @param initModel             a model file to start from on a fresh start, or null
 */
public record TrainerSettings(String model, FtrlParams ftrl, FeatureSpace features, int metricsWindow,
                              long publishIntervalMillis, String initModel) implements Serializable {
    public TrainerSettings {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model name must not be empty");
        }
        if (publishIntervalMillis < 1) {
            throw new IllegalArgumentException("--publish-interval must be at least 1 ms, got "
                    + publishIntervalMillis);
        }
        if (metricsWindow < 1) {
            throw new IllegalArgumentException("--metrics-window must be at least 1 example, got " + metricsWindow);
        }
    }
}
