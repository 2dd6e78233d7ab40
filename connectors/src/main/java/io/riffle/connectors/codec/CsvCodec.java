package io.riffle.connectors.codec;

import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.event.Labels;
import java.util.List;

/** A generic CSV with a header row and a {@link CsvColumns} role mapping. */
public final class CsvCodec implements CtrCodec {
    private enum Role { ID, TIME, LABEL, NUMERIC, IGNORE, CATEGORICAL }

    private final List<String> header;
    private final String headerLine;
    private final Role[] roles;
    private final long rowTimeStepMillis;
    private final CsvSplitter splitter;
    private final FeatureBuffer buffer = new FeatureBuffer();

    public CsvCodec(List<String> header, CsvColumns columns, long rowTimeStepMillis) {
        columns.checkAgainst(header);
        this.header = List.copyOf(header);
        this.headerLine = String.join(String.valueOf(columns.delimiter()), header);
        this.rowTimeStepMillis = rowTimeStepMillis;
        this.splitter = new CsvSplitter(columns.delimiter());
        this.roles = new Role[header.size()];
        for (int c = 0; c < roles.length; c++) {
            String name = header.get(c);
            roles[c] = name.equals(columns.id()) ? Role.ID
                    : name.equals(columns.time()) ? Role.TIME
                    : name.equals(columns.label()) ? Role.LABEL
                    : columns.numeric().contains(name) ? Role.NUMERIC
                    : columns.ignore().contains(name) ? Role.IGNORE
                    : Role.CATEGORICAL;
        }
    }

    @Override
    public CtrDecoded decode(SourceRecord record) {
        String text = record.text();
        if (text.isEmpty() || text.equals(headerLine)) {
            return CtrDecoded.SKIP;
        }
        List<String> cells = splitter.split(text);
        if (cells == null) {
            return CtrDecoded.failed("impression", "a quoted field is not closed");
        }
        if (cells.size() != header.size()) {
            return CtrDecoded.failed("impression", "expected " + header.size() + " fields, got " + cells.size());
        }
        String id = Split.rowId(record);
        long time = EventTimes.rowTime(record, rowTimeStepMillis);
        int label = Labels.NONE;
        buffer.clear();
        try {
            for (int c = 0; c < roles.length; c++) {
                String cell = cells.get(c);
                String name = header.get(c);
                switch (roles[c]) {
                    case ID -> {
                        if (cell.isEmpty()) {
                            throw new IllegalArgumentException("empty id in column " + name);
                        }
                        id = cell;
                    }
                    case TIME -> time = EventTimes.parse(cell);
                    case LABEL -> label = label(name, cell);
                    case NUMERIC -> {
                        if (!cell.isEmpty()) {
                            buffer.numeric(name, number(name, cell));
                        }
                    }
                    case CATEGORICAL -> {
                        if (!cell.isEmpty()) {
                            buffer.categorical(name, cell);
                        }
                    }
                    case IGNORE -> { }
                }
            }
        } catch (IllegalArgumentException e) {
            return CtrDecoded.failed("impression", e.getMessage());
        }
        return CtrDecoded.of(buffer.build(id, time, record.seq(), label));
    }

    private static int label(String column, String cell) {
        return switch (cell.trim()) {
            case "" -> Labels.NONE;
            case "1", "+1", "true" -> 1;
            case "0", "-1", "false" -> 0;
            default -> throw new IllegalArgumentException(column + " must be 0/1, -1/+1 or true/false, got '"
                    + Split.excerpt(cell) + "'");
        };
    }

    private static double number(String column, String cell) {
        double v;
        try {
            v = Decimals.parse(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " is not a number: '" + Split.excerpt(cell) + "'");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(column + " is not finite: " + cell);
        }
        return v;
    }
}
