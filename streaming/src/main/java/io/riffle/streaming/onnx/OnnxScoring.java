package io.riffle.streaming.onnx;

import io.riffle.models.ctr.LinearModelUpdate;
import io.riffle.models.event.CtrEvent;
import io.riffle.models.event.HashedImpression;
import io.riffle.models.event.Impression;
import io.riffle.models.event.Prediction;
import io.riffle.models.onnx.FtrlOnnxSpec;
import io.riffle.models.scoring.CascadeSpec;
import io.riffle.models.scoring.OnnxModelVersion;
import io.riffle.operators.ctr.ScoringMode;
import io.riffle.operators.onnx.BatchScoringOperator;
import io.riffle.operators.onnx.BatchSettings;
import io.riffle.operators.onnx.ImpressionsOnly;
import io.riffle.operators.onnx.SingleInputBatchScoringOperator;
import io.riffle.streaming.ctr.CtrJobConfig;
import io.riffle.streaming.ctr.ScorerEdges;
import io.riffle.streaming.ctr.ScorerSettings;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The scoring step of a CTR job when {@code --scorer} is {@code onnx} or {@code cascade}: the batching operator
 * ({@link BatchScoringOperator}) in place of {@code CtrScorerOperator}, fed by the trainer's model stream (broadcast)
 * where it scores with the trainer's model.
 *
 * <ul>
 *   <li>{@code onnx}, no model: hashed impressions, scored by the trainer's model exported to ONNX; versions as the
 *       job's {@code --scoring-mode} says.
 *   <li>{@code onnx} with {@code --onnx-model}: raw impressions, scored by the imported model through its mapping
 *       (live batching: the model does not change, so the scores do not depend on timing).
 *   <li>{@code cascade}: raw impressions; the trainer's model, then the imported model near the threshold.
 * </ul>
 */
public final class OnnxScoring {
    private OnnxScoring() {}

    public static DataStream<Prediction> predictions(CtrJobConfig config, DataStream<CtrEvent> events,
                                                     DataStream<HashedImpression> hashed,
                                                     DataStream<LinearModelUpdate> trainer) {
        ScorerSettings s = config.scorer();
        int p = config.parallelism();
        BatchSettings batch = new BatchSettings(s.batch(), s.batchTimeoutMillis(), config.scoringMode(),
                config.publicationLagMillis());
        TypeInformation<Prediction> predictionType = TypeInformation.of(Prediction.class);
        if (s.kind() == ScorerSettings.Kind.ONNX && s.onnxModel() == null) {
            FtrlOnnxSpec spec = new FtrlOnnxSpec(config.features(), s.device(), s.threads(), s.batch());
            return ScorerEdges.impressions(hashed)
                    .connect(ScorerEdges.modelVersions(trainer, p, "model-versions-to-onnx-scorers"))
                    .transform("score (ONNX Runtime, FTRL)", predictionType, new BatchScoringOperator<>(spec, batch,
                            TypeInformation.of(HashedImpression.class), TypeInformation.of(LinearModelUpdate.class)))
                    .uid("onnx-ftrl-scorer").setParallelism(p);
        }
        DataStream<Impression> impressions = events.process(new ImpressionsOnly())
                .uid("impressions-for-onnx").name("impressions").setParallelism(p);
        if (s.kind() == ScorerSettings.Kind.ONNX) {
            BatchSettings live = new BatchSettings(s.batch(), s.batchTimeoutMillis(), ScoringMode.LATEST, 0);
            return impressions
                    .transform("score (ONNX Runtime)", predictionType, new SingleInputBatchScoringOperator<>(
                            s.importedModel(), live, TypeInformation.of(Impression.class),
                            TypeInformation.of(OnnxModelVersion.class)))
                    .uid("onnx-scorer").setParallelism(p);
        }
        CascadeSpec spec = new CascadeSpec(config.features(), s.window(), s.importedModel());
        return ScorerEdges.impressions(impressions)
                .connect(ScorerEdges.modelVersions(trainer, p, "model-versions-to-cascade-scorers"))
                .transform("score (cascade)", predictionType, new BatchScoringOperator<>(spec, batch,
                        TypeInformation.of(Impression.class), TypeInformation.of(LinearModelUpdate.class)))
                .uid("cascade-scorer").setParallelism(p);
    }
}
