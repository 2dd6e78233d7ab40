package io.riffle.connectors.reservoir;

import io.riffle.connectors.codec.CsvSplitter;
import io.riffle.connectors.file.LineFileSource;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Column roles of a series CSV, written {@code key=COL,time=COL,value=COL|COL,ignore=COL|COL} ({@code --csv-columns}).
 * Every role is optional.
 *
 * <ul>
 *   <li><b>Long format</b> (a {@code key} column): one point per row, of the series the key names; its value is the
 *       {@code value} columns (several make a vector), by default every column that has no other role.</li>
 *   <li><b>Wide format</b> (no {@code key}): one series per {@code value} column (by default every column without
 *       another role), keyed by the column's name; a row holds one point of each.</li>
 * </ul>
 * Without a {@code time} column, event time comes from row order.
 *
 * @param key       the key column (long format), or null (wide format)
 * @param time      the event-time column, or null
 * @param values    the value columns; empty = every column without another role
 * @param ignore    columns to skip
 * @param delimiter the field delimiter
 */
public record SeriesCsvColumns(String key, String time, List<String> values, List<String> ignore, char delimiter)
        implements Serializable {
    public SeriesCsvColumns {
        values = List.copyOf(values);
        ignore = List.copyOf(ignore);
    }

    public static SeriesCsvColumns wide(char delimiter) {
        return new SeriesCsvColumns(null, null, List.of(), List.of(), delimiter);
    }

    public static SeriesCsvColumns parse(String spec, char delimiter) {
        String key = null;
        String time = null;
        List<String> values = new ArrayList<>();
        List<String> ignore = new ArrayList<>();
        if (spec != null && !spec.isBlank()) {
            for (String part : spec.split(",")) {
                String[] kv = part.split("=", 2);
                if (kv.length != 2 || kv[1].isBlank()) {
                    throw new IllegalArgumentException("--csv-columns entries are role=column (roles: key, time,"
                            + " value, ignore), got '" + part + "'");
                }
                String column = kv[1].trim();
                switch (kv[0].trim()) {
                    case "key" -> key = column;
                    case "time" -> time = column;
                    case "value" -> values.addAll(List.of(column.split("\\|")));
                    case "ignore" -> ignore.addAll(List.of(column.split("\\|")));
                    default -> throw new IllegalArgumentException("unknown --csv-columns role '" + kv[0].trim()
                            + "'; roles for series are key, time, value, ignore");
                }
            }
        }
        return new SeriesCsvColumns(key, time, values, ignore, delimiter);
    }

    public boolean longFormat() {
        return key != null;
    }

    /**
     * The indices of the value columns in {@code header}.
     *
     * @throws IllegalArgumentException when a named column is missing, a column has two roles, or none is left
     */
    public int[] valueColumns(List<String> header) {
        List<String> named = new ArrayList<>();
        if (key != null) {
            named.add(key);
        }
        if (time != null) {
            named.add(time);
        }
        named.addAll(ignore);
        named.addAll(values);
        Set<String> seen = new HashSet<>();
        for (String c : named) {
            if (!header.contains(c)) {
                throw new IllegalArgumentException("--csv-columns names column '" + c + "', which the header does"
                        + " not have; header: " + header);
            }
            if (!seen.add(c)) {
                throw new IllegalArgumentException("--csv-columns names column '" + c + "' twice");
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String c = header.get(i);
            if (values.isEmpty() ? !seen.contains(c) : values.contains(c)) {
                out.add(i);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the csv input has no value column left (header " + header
                    + ", --csv-columns " + describe() + ")");
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The spec in its {@code --csv-columns} form. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (key != null) {
            parts.add("key=" + key);
        }
        if (time != null) {
            parts.add("time=" + time);
        }
        if (!values.isEmpty()) {
            parts.add("value=" + String.join("|", values));
        }
        if (!ignore.isEmpty()) {
            parts.add("ignore=" + String.join("|", ignore));
        }
        return parts.isEmpty() ? "(none)" : String.join(",", parts);
    }

    /**
     * The header row of a CSV file (plain or .gz), split with RFC 4180 quoting ({@code "Month","Sunspots"} gives
     * {@code Month, Sunspots}).
     *
     * @throws IllegalArgumentException when the file cannot be read or its first line is empty
     */
    public static List<String> readHeader(Path file, char delimiter) {
        String line;
        try {
            line = LineFileSource.firstLine(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the header row of " + file + ": " + e.getMessage());
        }
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("csv input " + file + " has no header row");
        }
        List<String> cells = new CsvSplitter(delimiter).split(line.strip());
        if (cells == null) {
            throw new IllegalArgumentException("the header row of " + file + " has an unclosed quote");
        }
        return cells.stream().map(String::trim).toList();
    }
}
