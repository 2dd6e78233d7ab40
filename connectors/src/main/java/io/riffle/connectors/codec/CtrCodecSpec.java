package io.riffle.connectors.codec;

import java.io.Serializable;
import java.util.List;

/**
 * Everything needed to build a codec on a task manager: the format, the header row of formats that have one (read
 * by the command line before the job starts, so a restore that skips the first line still knows the columns), the
 * CSV column roles, the event-time step for rows without a timestamp, and the name of the JSON field that holds event
 * time ({@code time} unless a producer names it otherwise).
 */
public record CtrCodecSpec(CtrFormat format, List<String> header, CsvColumns csv, long rowTimeStepMillis,
                           String timeField) implements Serializable {
    public static final String DEFAULT_TIME_FIELD = "time";

    public CtrCodecSpec(CtrFormat format, List<String> header, CsvColumns csv, long rowTimeStepMillis) {
        this(format, header, csv, rowTimeStepMillis, DEFAULT_TIME_FIELD);
    }

    public CtrCodecSpec {
        timeField = timeField == null ? DEFAULT_TIME_FIELD : timeField;
        if (timeField.isEmpty() || JsonLinesCodec.RESERVED_FIELDS.contains(timeField)) {
            throw new IllegalArgumentException("--time-field must name a field other than "
                    + JsonLinesCodec.RESERVED_FIELDS + ", got '" + timeField + "'");
        }
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

    /** The same spec reading event time from the JSON field {@code field}. */
    public CtrCodecSpec withTimeField(String field) {
        return new CtrCodecSpec(format, header, csv, rowTimeStepMillis, field);
    }

    public CtrCodec create() {
        return switch (format) {
            case JSONL -> new JsonLinesCodec(rowTimeStepMillis, timeField);
            case CRITEO -> new CriteoCodec(rowTimeStepMillis);
            case AVAZU -> new AvazuCodec(header);
            case LIBSVM -> new LibsvmCodec(rowTimeStepMillis);
            case CSV -> new CsvCodec(header, csv, rowTimeStepMillis);
        };
    }
}
