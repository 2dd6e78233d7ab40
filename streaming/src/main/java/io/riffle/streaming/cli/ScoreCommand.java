package io.riffle.streaming.cli;

import io.riffle.connectors.codec.CsvColumns;
import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.connectors.file.LineFileSource;
import io.riffle.models.onnx.MappedOnnxSpec;
import io.riffle.models.onnx.OnnxMapping;
import io.riffle.operators.ctr.ScoringMode;
import io.riffle.streaming.onnx.ScoreConfig;
import io.riffle.streaming.onnx.ScoreOutputs;
import io.riffle.streaming.onnx.ScoreRun;
import io.riffle.streaming.onnx.ScoreSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code riffle score}: scores recorded events with an ONNX model trained elsewhere. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score recorded events with an ONNX model (PyTorch, FuxiCTR, or `riffle export onnx`) on a"
                + " local Flink, in micro-batches, on the GPU when there is one.",
                "Writes OUT/predictions.jsonl (id, time, score, modelVersion), dead-letters.jsonl and summary.json"
                        + " (with AUC and log loss when the input carries labels)."})
public final class ScoreCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE.onnx", description = "The ONNX model.")
    Path model;

    @Option(names = "--mapping", required = true, paramLabel = "FILE",
            description = "Which event fields feed which input tensors (JSON; README, \"ONNX scoring\").")
    Path mapping;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Recorded events (plain or .gz).")
    Path input;

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FMT",
            description = "Input format: jsonl, criteo, avazu, libsvm, csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--csv-columns", paramLabel = "SPEC",
            description = "Column roles of a csv input: id=COL,time=COL,label=COL,numeric=COL|COL,ignore=COL"
                    + " (default: none: every column categorical).")
    String csvColumns;

    @Option(names = "--csv-delimiter", defaultValue = ",", paramLabel = "CHAR",
            description = "Delimiter of a csv input (default: '${DEFAULT-VALUE}').")
    char csvDelimiter;

    @Option(names = "--row-time-step", defaultValue = "1ms", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Event-time step between rows without a timestamp"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration rowTimeStep;

    @Option(names = "--max-record-bytes", defaultValue = "1048576", paramLabel = "BYTES",
            description = "Longer records are dead-lettered (default: ${DEFAULT-VALUE}).")
    int maxRecordBytes;

    @Option(names = "--watch-model", defaultValue = "0s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Poll the model file this often and swap in a changed one as the"
                    + " next version; replace the file atomically (write, then rename). 0 = off"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration watchModel;

    @Option(names = "--parallelism", defaultValue = "1", paramLabel = "N",
            description = "Parallel scorers, each with its own session; predictions keep input order at 1 only"
                    + " (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Mixin
    OnnxRuntimeOptions onnx;

    @Mixin
    RuntimeOptions runtime;

    @Override
    public Integer call() throws Exception {
        LineFileSource.check(input);
        if (!Files.isReadable(model)) {
            throw new IllegalArgumentException("--model " + model + " is not a readable file");
        }
        OnnxMapping parsedMapping = OnnxMapping.read(mapping);
        CtrFormat fmt = CtrFormat.parse(format);
        List<String> header = fmt.hasHeader() ? CtrOptions.readHeader(input, fmt == CtrFormat.CSV ? csvDelimiter
                : ',') : null;
        if (fmt != CtrFormat.CSV && csvColumns != null) {
            throw new IllegalArgumentException("--csv-columns applies to --format csv only");
        }
        CsvColumns csv = fmt == CtrFormat.CSV ? CsvColumns.parse(csvColumns, csvDelimiter) : CsvColumns.none();
        CtrCodecSpec codec = new CtrCodecSpec(fmt, header, csv, rowTimeStep.toMillis());
        codec.create();
        MappedOnnxSpec scorer = new MappedOnnxSpec(model.toAbsolutePath().toString(), parsedMapping, onnx.device(),
                onnx.threads(), onnx.batch, watchModel.toMillis());
        ScoreConfig config = new ScoreConfig(scorer, codec, onnx.batchSettings(ScoringMode.LATEST, 0), parallelism,
                maxRecordBytes);
        var out = spec.commandLine().getOut();
        MappedOnnxSpec.Checked checked = scorer.check();
        if (runtime.dryRun) {
            out.printf("ok: %s (%s) scored by %s through %s on %s; batches of %d or %d ms -> %s%n", input,
                    fmt.cliName(), model, mapping, checked, config.batch().maxBatch(),
                    config.batch().maxDelayMillis(), runtime.out);
            return 0;
        }
        ScoreSummary summary = ScoreRun.run(new ScoreRun.Request(config, input, mapping.toString(),
                new ScoreOutputs(runtime.out), runtime.settings(null)));
        out.println(summary.describe());
        out.println("Outputs in " + runtime.out.toAbsolutePath());
        return 0;
    }
}
