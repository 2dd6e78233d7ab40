package io.riffle.connectors.reservoir;

import io.riffle.connectors.codec.CodecSpec;
import io.riffle.connectors.codec.RecordCodec;
import io.riffle.models.reservoir.event.SeriesRow;
import java.util.List;

/**
 * How series records are decoded: the format, the CSV header (read by the command line before the job starts) and
 * column roles, the event-time step for rows without a timestamp, and the most components a point may have.
 *
 * @param format            jsonl or csv
 * @param header            the CSV header row, or null for JSON lines
 * @param csv               the CSV column roles
 * @param firstLineIsHeader for CSV files: line 1 is the header (skipped)
 * @param rowTimeStepMillis event-time step between rows without a timestamp (≥ 0)
 * @param maxDims           the most components a point may have (1..4096); more are dead-lettered
 */
public record SeriesCodecSpec(SeriesFormat format, List<String> header, SeriesCsvColumns csv,
        boolean firstLineIsHeader, long rowTimeStepMillis, int maxDims) implements CodecSpec<SeriesRow> {
    public SeriesCodecSpec {
        if (rowTimeStepMillis < 0) {
            throw new IllegalArgumentException("--row-time-step must be >= 0 ms, got " + rowTimeStepMillis);
        }
        if (maxDims < 1 || maxDims > 4096) {
            throw new IllegalArgumentException("--max-dims must be in [1, 4096], got " + maxDims);
        }
        header = header == null ? null : List.copyOf(header);
        csv = csv == null ? SeriesCsvColumns.wide(',') : csv;
        if (format == SeriesFormat.CSV && header == null) {
            throw new IllegalArgumentException("the csv format needs the header row of the input");
        }
        if (format == SeriesFormat.CSV) {
            csv.valueColumns(header);
        }
    }

    /** JSON lines, row time 1 s, at most 64 dimensions. */
    public static SeriesCodecSpec jsonLines() {
        return new SeriesCodecSpec(SeriesFormat.JSONL, null, null, false, 1000, 64);
    }

    @Override
    public RecordCodec<SeriesRow> create() {
        return switch (format) {
            case JSONL -> new SeriesJsonCodec(rowTimeStepMillis, maxDims);
            case CSV -> new SeriesCsvCodec(header, csv, rowTimeStepMillis, firstLineIsHeader, maxDims);
        };
    }
}
