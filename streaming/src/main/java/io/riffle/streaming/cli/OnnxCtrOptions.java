package io.riffle.streaming.cli;

import io.riffle.models.onnx.MappedOnnxSpec;
import io.riffle.models.onnx.OnnxMapping;
import io.riffle.models.scoring.CascadeWindow;
import io.riffle.streaming.ctr.CtrJobConfig;
import io.riffle.streaming.ctr.ScorerSettings;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The scoring options of {@code riffle run ctr}: which scorer, and the ONNX model of the onnx and cascade scorers. */
public final class OnnxCtrOptions {
    @Option(names = "--scorer", defaultValue = "ftrl", paramLabel = "KIND",
            description = "ftrl: the trainer's model, event by event; onnx: batched ONNX Runtime scoring (the"
                    + " trainer's model exported to ONNX, or --onnx-model); cascade: the trainer's model, then"
                    + " --onnx-model for cheap scores near --cascade-threshold (default: ${DEFAULT-VALUE}).")
    String scorer;

    @Option(names = "--onnx-model", paramLabel = "FILE.onnx", description = "An imported ONNX model to score with (default: none: --scorer onnx runs the trainer's own"
                    + " model through ONNX Runtime).")
    Path onnxModel;

    @Option(names = "--onnx-mapping", paramLabel = "FILE", description = "The imported model's input mapping, JSON (default: none; required with --onnx-model).")
    Path onnxMapping;

    @Option(names = "--cascade-threshold", defaultValue = "0.1", paramLabel = "P",
            description = "The cascade's decision threshold on the click probability (default: ${DEFAULT-VALUE}).")
    double cascadeThreshold;

    @Option(names = "--cascade-window", defaultValue = "0.05", paramLabel = "W",
            description = "Send on events whose cheap score is within W of the threshold"
                    + " (default: ${DEFAULT-VALUE}).")
    double cascadeWindow;

    @Mixin
    OnnxRuntimeOptions onnx;

    /** {@code config} with the chosen scorer; an imported model is opened once here, to fail before the job. */
    public CtrJobConfig applyTo(CtrJobConfig config) {
        ScorerSettings.Kind kind = ScorerSettings.Kind.parse(scorer);
        OnnxMapping mapping = onnxMapping == null ? null : OnnxMapping.read(onnxMapping);
        ScorerSettings settings = new ScorerSettings(kind,
                onnxModel == null ? null : onnxModel.toAbsolutePath().toString(), mapping, onnx.device(),
                onnx.threads(), onnx.batch, onnx.batchTimeout.toMillis(),
                kind == ScorerSettings.Kind.CASCADE ? new CascadeWindow(cascadeThreshold, cascadeWindow) : null);
        MappedOnnxSpec imported = settings.importedModel();
        if (imported != null) {
            imported.check();
        }
        return config.withScorer(settings);
    }
}
