package io.riffle.streaming.ctr;

import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.features.FeatureSpace;
import io.riffle.operators.ctr.LabelTiming;
import io.riffle.operators.ctr.ScoringMode;
import io.riffle.operators.ctr.TrainerSettings;
import java.io.Serializable;

/**
 * Everything that shapes a CTR job's graph and its learning, validated on construction. Sources and sinks are not
 * here: a job is handed those ({@link CtrPipeline}).
 *
 * @param model                    model name
 * @param ftrl                     FTRL hyperparameters
 * @param features                 feature space
 * @param codec                    how impression records are decoded
 * @param joinLabels               whether unlabelled impressions wait for label events (jsonl input, a labels
 *                                 input, or a label delay)
 * @param attributionWindowMillis  how long after an impression a label may come
 * @param labelDelayMillis         split labelled rows into an impression and a label this much later; -1 = off
 * @param allowedLatenessMillis    how far behind the newest event time a record may be and still be used
 * @param watermarkStepMillis      watermarks advance in steps of at least this much event time
 * @param scoringMode              which model version scores an impression
 * @param publicationLagMillis     event-time scoring uses the version as of {@code t - lag}
 * @param publishIntervalMillis    event-time cadence of model versions
 * @param metricsWindow            examples in the sliding metrics window
 * @param speedup                  replay pace as a multiple of event time; 0 = as fast as possible
 * @param parallelism              parallelism of decoding, featurizing and scoring (the trainer is one writer)
 * @param initModel                model file to warm-start from, or null
 * @param scorer                   which operator scores impressions ({@code --scorer}; FTRL by default)
 * @param labelTiming              when a joined impression becomes an example ({@code --label-timing})
 */
public record CtrJobConfig(
        String model,
        FtrlParams ftrl,
        FeatureSpace features,
        CtrCodecSpec codec,
        boolean joinLabels,
        long attributionWindowMillis,
        long labelDelayMillis,
        long allowedLatenessMillis,
        long watermarkStepMillis,
        ScoringMode scoringMode,
        long publicationLagMillis,
        long publishIntervalMillis,
        int metricsWindow,
        double speedup,
        int parallelism,
        String initModel,
        ScorerSettings scorer,
        LabelTiming labelTiming) implements Serializable {

    /** A configuration scored by the trainer's FTRL model ({@link ScorerSettings#ftrl()}). */
    public CtrJobConfig(String model, FtrlParams ftrl, FeatureSpace features, CtrCodecSpec codec, boolean joinLabels,
                        long attributionWindowMillis, long labelDelayMillis, long allowedLatenessMillis,
                        long watermarkStepMillis, ScoringMode scoringMode, long publicationLagMillis,
                        long publishIntervalMillis, int metricsWindow, double speedup, int parallelism,
                        String initModel) {
        this(model, ftrl, features, codec, joinLabels, attributionWindowMillis, labelDelayMillis,
                allowedLatenessMillis, watermarkStepMillis, scoringMode, publicationLagMillis, publishIntervalMillis,
                metricsWindow, speedup, parallelism, initModel, ScorerSettings.ftrl(), LabelTiming.WINDOW_END);
    }

    /** This configuration with another scorer. */
    public CtrJobConfig withScorer(ScorerSettings scorer) {
        return new CtrJobConfig(model, ftrl, features, codec, joinLabels, attributionWindowMillis, labelDelayMillis,
                allowedLatenessMillis, watermarkStepMillis, scoringMode, publicationLagMillis, publishIntervalMillis,
                metricsWindow, speedup, parallelism, initModel, scorer, labelTiming);
    }

    /** This configuration with another label timing. */
    public CtrJobConfig withLabelTiming(LabelTiming labelTiming) {
        return new CtrJobConfig(model, ftrl, features, codec, joinLabels, attributionWindowMillis, labelDelayMillis,
                allowedLatenessMillis, watermarkStepMillis, scoringMode, publicationLagMillis, publishIntervalMillis,
                metricsWindow, speedup, parallelism, initModel, scorer, labelTiming);
    }

    public CtrJobConfig {
        scorer = scorer == null ? ScorerSettings.ftrl() : scorer;
        labelTiming = labelTiming == null ? LabelTiming.WINDOW_END : labelTiming;
        if (attributionWindowMillis <= 0) {
            throw new IllegalArgumentException("--attribution-window must be > 0, got " + attributionWindowMillis
                    + " ms");
        }
        if (labelDelayMillis > attributionWindowMillis) {
            throw new IllegalArgumentException("--label-delay (" + labelDelayMillis + " ms) is longer than"
                    + " --attribution-window (" + attributionWindowMillis + " ms): every split label would be late");
        }
        if (allowedLatenessMillis < 0) {
            throw new IllegalArgumentException("--allowed-lateness must be >= 0, got " + allowedLatenessMillis);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be >= 1, got " + parallelism);
        }
        if (speedup < 0 || Double.isNaN(speedup)) {
            throw new IllegalArgumentException("--speedup must be >= 0 (0 = as fast as possible), got " + speedup);
        }
        if (publicationLagMillis < 0) {
            throw new IllegalArgumentException("--publication-lag must be >= 0, got " + publicationLagMillis);
        }
    }

    public TrainerSettings trainerSettings() {
        return new TrainerSettings(model, ftrl, features, metricsWindow, publishIntervalMillis, initModel);
    }
}
