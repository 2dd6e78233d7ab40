package io.riffle.streaming.cli;

import io.riffle.connectors.codec.CsvColumns;
import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.kafka.HistoryLoader;
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
        description = {"Produce a recorded history into Kafka: one record per row, key = event id, timestamp ="
                + " the event's time (so a job can replay it from any point in time with --from), value = the row"
                + " as Riffle JSON lines (other formats are converted). Rows that do not decode are sent unchanged"
                + " for the job to dead-letter. Missing topics are created with retention.ms=-1."})
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

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FMT",
            description = "Input format: jsonl, criteo, avazu, libsvm, csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--rate", paramLabel = "N/s",
            description = "Records per second, e.g. 5000/s or 5k/s (default: as fast as the broker takes them).")
    String rate;

    @Option(names = "--partitions", defaultValue = "1", paramLabel = "N",
            description = "Partitions of topics this creates (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--csv-columns", paramLabel = "SPEC", description = "Column roles of a csv input, as in run"
            + " ctr (default: none: every column categorical).")
    String csvColumns;

    @Option(names = "--csv-delimiter", defaultValue = ",", paramLabel = "CHAR",
            description = "Delimiter of a csv input (default: '${DEFAULT-VALUE}').")
    char csvDelimiter;

    @Option(names = "--row-time-step", defaultValue = "1ms", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "Event-time step between rows without a timestamp (default: ${DEFAULT-VALUE}).")
    Duration rowTimeStep;

    @Option(names = "--time-field", defaultValue = CtrCodecSpec.DEFAULT_TIME_FIELD, paramLabel = "NAME",
            description = "JSON lines: the field that holds event time (default: ${DEFAULT-VALUE}).")
    String timeField;

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
        CtrFormat fmt = CtrFormat.parse(format);
        List<String> header = fmt.hasHeader() ? CtrOptions.readHeader(input, fmt == CtrFormat.CSV ? csvDelimiter
                : ',') : null;
        CsvColumns csv = fmt == CtrFormat.CSV ? CsvColumns.parse(csvColumns, csvDelimiter) : CsvColumns.none();
        CtrCodecSpec codec = new CtrCodecSpec(fmt, header, csv, rowTimeStep.toMillis(), timeField);
        codec.create();
        HistoryLoader.Result r = HistoryLoader.load(new HistoryLoader.Request(bootstrapServers, clientProperties,
                topic, labelsTopic, input, codec, parseRate(rate), partitions, maxRecordBytes, kafkaTimeout), out);
        out.printf("Loaded %,d records into %s%s on %s in %.1f s (%,.0f/s): %,d impressions, %,d label events,"
                        + " %,d undecodable (sent as they are, for the job to dead-letter), %,d unreadable rows"
                        + " skipped%n", r.records(), topic, labelsTopic == null ? "" : " and " + labelsTopic,
                bootstrapServers, r.seconds(), r.records() / Math.max(1e-9, r.seconds()), r.impressions(),
                r.labels(), r.undecodable(), r.skipped());
        if (r.records() > 0) {
            out.printf("Event time %s .. %s (record timestamps); replay from a point with: riffle run ctr --source"
                    + " kafka --from %s ...%n", Instant.ofEpochMilli(r.firstTime()), Instant.ofEpochMilli(
                    r.lastTime()), Instant.ofEpochMilli(r.firstTime()));
        }
        return 0;
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
