package io.riffle.connectors.codec;

import java.io.Serializable;
import java.util.List;

/**
 * Everything needed to build a codec on a task manager: the format, the header row of formats that have one (read
 * by the command line before the job starts, so a restore that skips the first line still knows the columns), the
 * CSV column roles, and the event-time step for rows without a timestamp.
 */
public record CtrCodecSpec(CtrFormat format, List<String> header, CsvColumns csv, long rowTimeStepMillis)
        implements Serializable {
    public CtrCodecSpec {
        if (rowTimeStepMillis < 0) {
            throw new IllegalArgumentException("--row-time-step must be >= 0 ms, got " + rowTimeStepMillis);
        }
        header = header == null ? null : List.copyOf(header);
        csv = csv == null ? CsvColumns.none() : csv;
        if (format == CtrFormat.CSV && header == null) {
            throw new IllegalArgumentException("the csv format needs the header row of the input");
        }
    }

    public static CtrCodecSpec of(CtrFormat format) {
        return new CtrCodecSpec(format, null, null, 1);
    }

    public CtrCodec create() {
        return switch (format) {
            case JSONL -> new JsonLinesCodec(rowTimeStepMillis);
            case CRITEO -> new CriteoCodec(rowTimeStepMillis);
            case AVAZU -> new AvazuCodec(header);
            case LIBSVM -> new LibsvmCodec(rowTimeStepMillis);
            case CSV -> new CsvCodec(header, csv, rowTimeStepMillis);
        };
    }
}
