package io.riffle.connectors.reservoir;

import io.riffle.connectors.codec.CsvSplitter;
import io.riffle.connectors.codec.Decoded;
import io.riffle.connectors.codec.EventTimes;
import io.riffle.connectors.codec.RecordCodec;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.event.DeadLetter;
import io.riffle.models.reservoir.event.SeriesRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Series from a CSV with a header row and {@link SeriesCsvColumns} roles.
 *
 * <p>Long format (a key column): a row is one point; any unusable cell dead-letters the row. Wide format: a row holds
 * one point per value column, keyed by the column's name; an empty or non-numeric cell dead-letters that cell (one
 * dead letter per row, naming the cells) while the row's other points are used, so that one sensor's gap does not
 * cost the others their point.
 */
public final class SeriesCsvCodec implements RecordCodec<SeriesRow> {
    private final List<String> header;
    private final SeriesCsvColumns columns;
    private final int keyColumn;
    private final int timeColumn;
    private final int[] valueColumns;
    private final long rowTimeStepMillis;
    private final boolean firstLineIsHeader;
    private final CsvSplitter splitter;
    private final String[] wideKeys;

    /**
     * @param firstLineIsHeader skip line 1 of a file (the header the columns were read from)
     */
    public SeriesCsvCodec(List<String> header, SeriesCsvColumns columns, long rowTimeStepMillis,
                          boolean firstLineIsHeader, int maxDims) {
        this.header = List.copyOf(header);
        this.columns = columns;
        this.valueColumns = columns.valueColumns(header);
        this.keyColumn = columns.key() == null ? -1 : header.indexOf(columns.key());
        this.timeColumn = columns.time() == null ? -1 : header.indexOf(columns.time());
        this.rowTimeStepMillis = rowTimeStepMillis;
        this.firstLineIsHeader = firstLineIsHeader;
        this.splitter = new CsvSplitter(columns.delimiter());
        if (columns.longFormat() && valueColumns.length > maxDims) {
            throw new IllegalArgumentException("the csv input has " + valueColumns.length + " value columns, more"
                    + " than the limit of " + maxDims + " dimensions (--max-dims); name the value columns with"
                    + " --csv-columns value=A|B");
        }
        this.wideKeys = new String[valueColumns.length];
        for (int i = 0; i < valueColumns.length; i++) {
            wideKeys[i] = header.get(valueColumns[i]);
        }
    }

    @Override
    public Decoded<SeriesRow> decode(SourceRecord record) {
        String text = record.text();
        if (text.isBlank() || firstLineIsHeader && record.partition() < 0 && record.position() == 1) {
            return Decoded.skip();
        }
        List<String> cells = splitter.split(text);
        if (cells == null) {
            return Decoded.failed(SeriesJsonCodec.KIND, "a quoted field is not closed");
        }
        if (cells.size() != header.size()) {
            return Decoded.failed(SeriesJsonCodec.KIND, "expected " + header.size() + " fields, got " + cells.size());
        }
        long time;
        try {
            time = timeColumn < 0 ? EventTimes.rowTime(record, rowTimeStepMillis) : SeriesTimes.parse(cells.get(
                    timeColumn));
        } catch (IllegalArgumentException e) {
            return Decoded.failed(SeriesJsonCodec.KIND, header.get(timeColumn) + ": " + e.getMessage());
        }
        return keyColumn >= 0 ? longRow(record, cells, time) : wideRow(record, cells, time);
    }

    private Decoded<SeriesRow> longRow(SourceRecord record, List<String> cells, long time) {
        String key = cells.get(keyColumn).trim();
        if (key.isEmpty()) {
            return Decoded.failed(SeriesJsonCodec.KIND, "missing key: column " + columns.key() + " is empty");
        }
        double[] values = new double[valueColumns.length];
        for (int i = 0; i < values.length; i++) {
            String problem = parse(cells.get(valueColumns[i]), values, i);
            if (problem != null) {
                return Decoded.failed(SeriesJsonCodec.KIND, header.get(valueColumns[i]) + ": " + problem);
            }
        }
        return Decoded.of(SeriesRow.of(key, time, record.seq(), values), SeriesJsonCodec.KIND);
    }

    private Decoded<SeriesRow> wideRow(SourceRecord record, List<String> cells, long time) {
        double[] values = new double[valueColumns.length];
        List<String> keys = new ArrayList<>(valueColumns.length);
        StringBuilder problems = null;
        int n = 0;
        for (int i = 0; i < valueColumns.length; i++) {
            String problem = parse(cells.get(valueColumns[i]), values, n);
            if (problem == null) {
                keys.add(wideKeys[i]);
                n++;
            } else {
                problems = problems == null ? new StringBuilder() : problems.append("; ");
                problems.append(wideKeys[i]).append(": ").append(problem);
            }
        }
        if (n == 0) {
            return Decoded.failed(SeriesJsonCodec.KIND, "no usable value in the row: " + problems);
        }
        DeadLetter dead = problems == null ? null : DeadLetter.of(SeriesJsonCodec.KIND, record.source(),
                record.partition(), record.position(), "unusable cells (the row's other points are used): "
                        + problems, record.text());
        double[] used = n == values.length ? values : java.util.Arrays.copyOf(values, n);
        return Decoded.of(new SeriesRow(time, record.seq(), keys.toArray(new String[0]), used, 1, dead),
                SeriesJsonCodec.KIND);
    }

    /** Parses {@code cell} into {@code out[i]}; returns what is wrong with it, or null. */
    private static String parse(String cell, double[] out, int i) {
        String c = cell.trim();
        if (c.isEmpty()) {
            return "missing value";
        }
        double v;
        try {
            v = Double.parseDouble(c);
        } catch (NumberFormatException e) {
            return "not a number: '" + (c.length() > 40 ? c.substring(0, 40) + "…" : c) + "'";
        }
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NaN" : "not finite (" + c + ")";
        }
        out[i] = v;
        return null;
    }
}
