package io.riffle.streaming.cli;

import io.riffle.connectors.codec.CsvColumns;
import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.connectors.file.LineFileSource;
import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.features.FeatureSpace;
import io.riffle.models.features.FieldCross;
import io.riffle.operators.ctr.LabelTiming;
import io.riffle.operators.ctr.ScoringMode;
import io.riffle.streaming.ctr.CtrJobConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of a CTR job: input format, features, FTRL, labels, scoring. Each is declared once, here. */
public final class CtrOptions {
    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FMT",
            description = "Input format: jsonl, criteo, avazu, libsvm, csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "A second input of label events (JSON lines: {\"id\":…,\"time\":…,\"label\":0|1})"
                    + " (default: none; labels come from the input).")
    Path labels;

    @Option(names = "--csv-columns", paramLabel = "SPEC",
            description = "Column roles of a csv input: id=COL,time=COL,label=COL,numeric=COL|COL,ignore=COL;"
                    + " other columns are categorical features (default: none: every column categorical).")
    String csvColumns;

    @Option(names = "--csv-delimiter", defaultValue = ",", paramLabel = "CHAR",
            description = "Delimiter of a csv input (default: '${DEFAULT-VALUE}').")
    char csvDelimiter;

    @Option(names = "--row-time-step", defaultValue = "1ms", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "Event-time step between rows that carry no timestamp (default: ${DEFAULT-VALUE}).")
    Duration rowTimeStep;

    @Option(names = "--time-field", defaultValue = CtrCodecSpec.DEFAULT_TIME_FIELD, paramLabel = "NAME",
            description = "JSON lines: the field that holds event time (default: ${DEFAULT-VALUE}).")
    String timeField;

    @Option(names = "--max-record-bytes", defaultValue = "1048576", paramLabel = "BYTES",
            description = "Longer records are dead-lettered (default: ${DEFAULT-VALUE}).")
    int maxRecordBytes;

    @Option(names = "--model-name", defaultValue = "ctr", paramLabel = "NAME",
            description = "Name of the model, on every version (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Option(names = "--bits", defaultValue = "" + FeatureSpace.DEFAULT_BITS, paramLabel = "B",
            description = "Hash features into 2^B weights (default: ${DEFAULT-VALUE}).")
    int bits;

    @Option(names = "--cross", paramLabel = "A:B",
            description = "Cross two fields into one feature, like VW's -q (repeatable), e.g. --cross site:ad"
                    + " (default: none).")
    List<String> crosses = new ArrayList<>();

    @Option(names = "--hash-seed", defaultValue = "0", paramLabel = "N",
            description = "Seed of the feature hash (default: ${DEFAULT-VALUE}).")
    int hashSeed;

    @Option(names = "--ftrl-alpha", defaultValue = "" + FtrlParams.DEFAULT_ALPHA, paramLabel = "A",
            description = "FTRL learning-rate scale alpha (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--ftrl-beta", defaultValue = "" + FtrlParams.DEFAULT_BETA, paramLabel = "B",
            description = "FTRL learning-rate smoothing beta (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--ftrl-l1", defaultValue = "" + FtrlParams.DEFAULT_L1, paramLabel = "L1",
            description = "FTRL L1 strength (default: ${DEFAULT-VALUE}).")
    double l1;

    @Option(names = "--ftrl-l2", defaultValue = "" + FtrlParams.DEFAULT_L2, paramLabel = "L2",
            description = "FTRL L2 strength (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--init-model", paramLabel = "FILE",
            description = "Warm-start from a saved model (a model.riffle of an earlier run) (default: none, a fresh"
                    + " model; ignored when resuming from a checkpoint).")
    Path initModel;

    @Option(names = "--attribution-window", defaultValue = "10m", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "A label may come this long after its impression; none by then is a negative"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration attributionWindow;

    @Option(names = "--label-delay", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Replay delayed feedback: split each labelled row into an impression at t and its label"
                    + " at t + DURATION. Without it, a labelled row is scored, then learned from at once (VW's"
                    + " progressive validation) (default: none).")
    Duration labelDelay;

    @Option(names = "--label-timing", defaultValue = "window-end", paramLabel = "WHEN",
            description = "When a joined impression is learned: window-end (when its attribution window closes, with"
                    + " the label that came in it: clicks and non-clicks in their true proportion) or label-time (a"
                    + " click as soon as it arrives: sooner, but biased towards clicks while windows are open)"
                    + " (default: ${DEFAULT-VALUE}).")
    String labelTiming;

    @Option(names = "--allowed-lateness", defaultValue = "1s", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "Records this far behind the newest event time are still used; later ones are"
                    + " dead-lettered (default: ${DEFAULT-VALUE}).")
    Duration allowedLateness;

    @Option(names = "--watermark-step", defaultValue = "100ms", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Event time advances in steps of at least this"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration watermarkStep;

    @Option(names = "--scoring-mode", defaultValue = "event-time", paramLabel = "MODE",
            description = "event-time: score with the model as of the impression's time minus the publication lag"
                    + " (reproducible); latest: the newest model held (live) (default: ${DEFAULT-VALUE}).")
    String scoringMode;

    @Option(names = "--publication-lag", defaultValue = "0ms", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "In event-time scoring, how long a model version takes to reach"
                    + " the scorers (default: ${DEFAULT-VALUE}).")
    Duration publicationLag;

    @Option(names = "--publish-interval", defaultValue = "1s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Event-time cadence of model versions (default: ${DEFAULT-VALUE}).")
    Duration publishInterval;

    @Option(names = "--metrics-window", defaultValue = "10000", paramLabel = "N",
            description = "Examples in the sliding metrics window (default: ${DEFAULT-VALUE}).")
    int metricsWindow;

    @Option(names = "--speedup", defaultValue = "0", paramLabel = "X",
            description = "Replay at X times the pace of event time; 0 = as fast as possible"
                    + " (default: ${DEFAULT-VALUE}).")
    double speedup;

    @Option(names = "--parallelism", defaultValue = "1", paramLabel = "N",
            description = "Parallelism of decoding, featurizing, joining and scoring; the trainer is one writer"
                    + " (default: ${DEFAULT-VALUE}).")
    int parallelism;

    public CtrFormat format() {
        return CtrFormat.parse(format);
    }

    /**
     * The job configuration for {@code input}; reads its header row when the format has one.
     *
     * @throws IllegalArgumentException with a message naming what to fix
     */
    public CtrJobConfig toConfig(Path input) {
        CtrFormat fmt = format();
        List<String> header = null;
        if (fmt.hasHeader() && input != null) {
            header = readHeader(input, fmt == CtrFormat.CSV ? csvDelimiter : ',');
        }
        CsvColumns csv = fmt == CtrFormat.CSV ? CsvColumns.parse(csvColumns, csvDelimiter) : CsvColumns.none();
        if (fmt != CtrFormat.CSV && csvColumns != null) {
            throw new IllegalArgumentException("--csv-columns applies to --format csv only");
        }
        CtrCodecSpec codec = new CtrCodecSpec(fmt, header, csv, rowTimeStep.toMillis(), timeField);
        codec.create();
        List<FieldCross> fieldCrosses = crosses.stream().map(FieldCross::parse).toList();
        boolean join = fmt.carriesLabelEvents() || labels != null || labelDelay != null;
        return new CtrJobConfig(modelName, new FtrlParams(alpha, beta, l1, l2),
                new FeatureSpace(bits, fieldCrosses, hashSeed), codec, join, attributionWindow.toMillis(),
                labelDelay == null ? -1 : labelDelay.toMillis(), allowedLateness.toMillis(), watermarkStep.toMillis(),
                ScoringMode.parse(scoringMode), publicationLag.toMillis(), publishInterval.toMillis(), metricsWindow,
                speedup, parallelism, initModel == null ? null : initModel.toAbsolutePath().toString())
                .withLabelTiming(LabelTiming.parse(labelTiming));
    }

    /** Fails with a clear message when an input cannot be replayed. */
    public void checkInputs(Path input) {
        LineFileSource.check(input);
        if (labels != null) {
            LineFileSource.check(labels);
        }
        checkInitModel();
    }

    /** Fails with a clear message when {@code --init-model} names a file that cannot be read. */
    void checkInitModel() {
        if (initModel != null && !Files.isReadable(initModel)) {
            throw new IllegalArgumentException("--init-model " + initModel + " is not a readable file");
        }
    }

    static List<String> readHeader(Path file, char delimiter) {
        try {
            String line = LineFileSource.firstLine(file);
            if (line == null || line.isBlank()) {
                throw new IllegalArgumentException("input " + file + " has no header row (the format needs one)");
            }
            List<String> header = new ArrayList<>();
            for (String column : line.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1)) {
                header.add(column.trim());
            }
            return header;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the header row of " + file + ": " + e.getMessage());
        }
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    public Path labels() {
        return labels;
    }
}
