package io.riffle.streaming.ctr;

import io.riffle.models.onnx.Device;
import io.riffle.models.onnx.MappedOnnxSpec;
import io.riffle.models.onnx.OnnxMapping;
import io.riffle.models.scoring.CascadeWindow;
import io.riffle.operators.onnx.BatchSettings;
import java.io.Serializable;
import java.util.Locale;

/**
 * Which operator scores impressions in a CTR job ({@code --scorer}).
 *
 * <ul>
 *   <li>{@link Kind#FTRL} (default): the trainer's model, one impression at a time ({@code CtrScorerOperator}).
 *   <li>{@link Kind#ONNX}: the batching ONNX Runtime operator. With {@code onnxModel}, an imported model through its
 *       mapping; without, the trainer's own model exported to ONNX, its versions applied from the model stream.
 *   <li>{@link Kind#CASCADE}: the trainer's model first, the imported ONNX model for cheap scores near the threshold.
 * </ul>
 *
 * @param kind               which scorer
 * @param onnxModel          the imported ONNX model file, or null
 * @param mapping            its input mapping, or null
 * @param device             execution provider
 * @param threads            ONNX Runtime threads per scorer
 * @param batch              events per batch
 * @param batchTimeoutMillis longest wait of a batch's first event (live scoring)
 * @param window             the cascade's window, or null
 */
public record ScorerSettings(Kind kind, String onnxModel, OnnxMapping mapping, Device device, int threads, int batch,
                             long batchTimeoutMillis, CascadeWindow window) implements Serializable {
    /** Which scorer. */
    public enum Kind {
        FTRL, ONNX, CASCADE;

        public static Kind parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown scorer '" + name + "'; use ftrl, onnx or cascade");
            }
        }
    }

    public ScorerSettings {
        if ((onnxModel == null) != (mapping == null)) {
            throw new IllegalArgumentException("--onnx-model and --onnx-mapping go together");
        }
        if (kind == Kind.CASCADE && (onnxModel == null || window == null)) {
            throw new IllegalArgumentException("--scorer cascade needs --onnx-model and --onnx-mapping (the expensive"
                    + " model) and a window");
        }
        if (kind == Kind.FTRL && onnxModel != null) {
            throw new IllegalArgumentException("--onnx-model needs --scorer onnx or cascade");
        }
        new BatchSettings(batch, batchTimeoutMillis, io.riffle.operators.ctr.ScoringMode.LATEST, 0);
    }

    /** The default: FTRL scoring, no ONNX. */
    public static ScorerSettings ftrl() {
        return new ScorerSettings(Kind.FTRL, null, null, Device.AUTO, 1, BatchSettings.DEFAULT_BATCH,
                BatchSettings.DEFAULT_DELAY_MILLIS, null);
    }

    /** The imported model's scorer (never watched: a CTR job's versions come from its trainer). */
    public MappedOnnxSpec importedModel() {
        return onnxModel == null ? null : new MappedOnnxSpec(onnxModel, mapping, device, threads, batch, 0);
    }
}
