package io.riffle.streaming.cli;

import io.riffle.connectors.codec.CsvColumns;
import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.graph.EdgeCodecSpec;
import io.riffle.connectors.graph.EdgeFiles;
import io.riffle.connectors.graph.EdgeFormat;
import io.riffle.connectors.graph.EdgeHistoryFormat;
import io.riffle.connectors.kafka.CtrHistoryFormat;
import io.riffle.connectors.kafka.HistoryFormat;
import io.riffle.connectors.kafka.HistoryLoader;
import io.riffle.connectors.reservoir.SeriesCodecSpec;
import io.riffle.connectors.reservoir.SeriesCsvColumns;
import io.riffle.connectors.reservoir.SeriesFormat;
import io.riffle.connectors.reservoir.SeriesHistoryFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code riffle kafka load}: produces a recorded history into a topic, keeping event timestamps. */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Produce a recorded history into Kafka: one record per event, timestamp = the event's time"
                + " (so a job can replay it from any point in time with --from), value = the event as the family's"
                + " JSON line (JSON-lines rows are sent byte for byte, other formats are converted). Keys: the event"
                + " id (ctr), the series key (reservoir: one record per point), the source node id (graph: an edge"
                + " file out of time order is sent in time order). Rows that do not decode are sent unchanged for"
                + " the job to dead-letter. Missing topics are created with retention.ms=-1."})
public final class KafkaLoadCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT,...",
            description = "Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "Topic of the records.")
    String topic;

    @Option(names = "--labels-topic", paramLabel = "TOPIC",
            description = "Send label events here (default: none: to --topic with the impressions).")
    String labelsTopic;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Recorded input (plain or .gz).")
    Path input;

    @Option(names = "--family", defaultValue = "ctr", paramLabel = "FAMILY",
            description = "What the history holds: ctr (click logs), reservoir (series), graph (edge streams)"
                    + " (default: ${DEFAULT-VALUE}).")
    String family;

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FMT",
            description = "Input format: ctr: jsonl, criteo, avazu, libsvm, csv; reservoir: jsonl, csv; graph:"
                    + " jsonl, jodie, snap (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--rate", paramLabel = "N/s",
            description = "Records per second, e.g. 5000/s or 5k/s (default: as fast as the broker takes them).")
    String rate;

    @Option(names = "--partitions", defaultValue = "1", paramLabel = "N",
            description = "Partitions of topics this creates (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--csv-columns", paramLabel = "SPEC", description = "Column roles of a csv input, as in run"
            + " ctr or run reservoir (default: none: ctr, every column categorical; reservoir, wide: every column a"
            + " series).")
    String csvColumns;

    @Option(names = "--csv-delimiter", defaultValue = ",", paramLabel = "CHAR",
            description = "Delimiter of a csv input (default: '${DEFAULT-VALUE}').")
    char csvDelimiter;

    @Option(names = "--row-time-step", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Event-time step between rows without a timestamp, as the family's run command has it"
                    + " (default: 1ms for ctr, 1s for reservoir).")
    Duration rowTimeStep;

    @Option(names = "--time-field", defaultValue = CtrCodecSpec.DEFAULT_TIME_FIELD, paramLabel = "NAME",
            description = "ctr JSON lines: the field that holds event time (default: ${DEFAULT-VALUE}).")
    String timeField;

    @Option(names = "--max-dims", defaultValue = "64", paramLabel = "D",
            description = "reservoir: points with more components are sent unchanged, for the job to dead-letter"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxDims;

    @Option(names = "--time-unit", defaultValue = "1s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "graph: one unit of jodie and snap timestamps, converted to epoch milliseconds"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration timeUnit;

    @Option(names = "--max-record-bytes", defaultValue = "1048576", paramLabel = "BYTES",
            description = "Longer rows are skipped (default: ${DEFAULT-VALUE}).")
    int maxRecordBytes;

    @Option(names = "--kafka-timeout", defaultValue = "30s", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "How long to wait for the cluster to answer (default: ${DEFAULT-VALUE}).")
    Duration kafkaTimeout;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "A Kafka client property (security.protocol, sasl.*, ...); repeatable (default: none).")
    Map<String, String> clientProperties = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        LineFileSource.check(input);
        String fam = family.trim().toLowerCase(Locale.ROOT);
        if (!fam.equals("ctr") && labelsTopic != null) {
            throw new IllegalArgumentException("--labels-topic is for --family ctr only");
        }
        Path sortedCopy = null;
        Path file = input;
        HistoryFormat history;
        String counts;
        switch (fam) {
            case "ctr" -> {
                CtrFormat fmt = CtrFormat.parse(format);
                List<String> header = fmt.hasHeader() ? CtrOptions.readHeader(input, fmt == CtrFormat.CSV
                        ? csvDelimiter : ',') : null;
                CsvColumns csv = fmt == CtrFormat.CSV ? CsvColumns.parse(csvColumns, csvDelimiter)
                        : CsvColumns.none();
                CtrCodecSpec codec = new CtrCodecSpec(fmt, header, csv, rowTimeStep(Duration.ofMillis(1)),
                        timeField);
                codec.create();
                history = new CtrHistoryFormat(codec);
                counts = "impression:impressions,label:label events";
            }
            case "reservoir" -> {
                SeriesFormat fmt = SeriesFormat.parse(format);
                if (fmt != SeriesFormat.CSV && csvColumns != null) {
                    throw new IllegalArgumentException("--csv-columns applies to --format csv only");
                }
                SeriesCodecSpec codec = fmt == SeriesFormat.CSV
                        ? new SeriesCodecSpec(fmt, SeriesCsvColumns.readHeader(input, csvDelimiter),
                                SeriesCsvColumns.parse(csvColumns, csvDelimiter), true,
                                rowTimeStep(Duration.ofSeconds(1)), maxDims)
                        : new SeriesCodecSpec(fmt, null, null, false, rowTimeStep(Duration.ofSeconds(1)), maxDims);
                codec.create();
                history = new SeriesHistoryFormat(codec);
                counts = "point:points";
            }
            case "graph" -> {
                EdgeFormat fmt = EdgeFormat.parse(format);
                if (timeUnit.toMillis() < 1) {
                    throw new IllegalArgumentException("--time-unit must be at least 1ms, got " + timeUnit);
                }
                EdgeCodecSpec codec = EdgeHistoryFormat.loading(fmt, timeUnit.toMillis());
                EdgeFiles.Scan scan = EdgeFiles.scan(input, codec, maxRecordBytes);
                if (!scan.inTimeOrder()) {
                    // A job orders a partition's interactions by their offsets, up to its allowed lateness: send them
                    // in time order, as the file job replays such a file from a time-sorted copy.
                    sortedCopy = Files.createTempFile("riffle-load-sorted", ".txt");
                    EdgeFiles.sortLinesInto(input, codec, maxRecordBytes, sortedCopy);
                    file = sortedCopy;
                    out.printf("%s is not in time order (%,d steps back): sending its interactions in time order%n",
                            input, scan.backwardSteps());
                }
                history = new EdgeHistoryFormat(codec);
                counts = EdgeHistoryFormat.KIND + ":interactions";
            }
            default -> throw new IllegalArgumentException("unknown --family '" + family
                    + "'; use ctr, reservoir or graph");
        }
        HistoryLoader.Result r;
        try {
            r = HistoryLoader.load(new HistoryLoader.Request(bootstrapServers, clientProperties, topic, labelsTopic,
                    file, history, parseRate(rate), partitions, maxRecordBytes, kafkaTimeout), out);
        } finally {
            if (sortedCopy != null) {
                Files.deleteIfExists(sortedCopy);
            }
        }
        StringBuilder kinds = new StringBuilder();
        for (String c : counts.split(",")) {
            String[] kv = c.split(":");
            kinds.append(String.format("%,d %s, ", r.count(kv[0]), kv[1]));
        }
        out.printf("Loaded %,d records into %s%s on %s in %.1f s (%,.0f/s): %s%,d undecodable (sent as they are,"
                        + " for the job to dead-letter), %,d unreadable rows skipped%n", r.records(), topic,
                labelsTopic == null ? "" : " and " + labelsTopic, bootstrapServers, r.seconds(),
                r.records() / Math.max(1e-9, r.seconds()), kinds, r.undecodable(), r.skipped());
        if (r.records() > 0) {
            out.printf("Event time %s .. %s (record timestamps); replay from a point with: riffle run %s --source"
                    + " kafka --from %s ...%n", Instant.ofEpochMilli(r.firstTime()), Instant.ofEpochMilli(
                    r.lastTime()), fam, Instant.ofEpochMilli(r.firstTime()));
        }
        return 0;
    }

    private long rowTimeStep(Duration familyDefault) {
        return (rowTimeStep != null ? rowTimeStep : familyDefault).toMillis();
    }

    /** {@code 5000}, {@code 5000/s}, {@code 5k/s}, {@code 1.5m/s}; null is 0 (no limit). */
    static double parseRate(String text) {
        if (text == null) {
            return 0;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("/s")) {
            t = t.substring(0, t.length() - 2);
        }
        double scale = 1;
        if (t.endsWith("k")) {
            scale = 1e3;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            scale = 1e6;
            t = t.substring(0, t.length() - 1);
        }
        try {
            double rate = Double.parseDouble(t) * scale;
            if (rate < 0 || !Double.isFinite(rate)) {
                throw new NumberFormatException();
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rate '" + text + "' is not a rate such as 5000/s or 5k/s");
        }
    }
}
