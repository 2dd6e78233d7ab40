package io.riffle.connectors.codec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The column roles of a generic CSV input, written {@code id=COL,time=COL,label=COL,numeric=COL|COL,ignore=COL|COL}
 * ({@code --csv-columns}). Every role is optional; columns not named are categorical features.
 *
 * @param id        the id column, or null (ids are then line numbers)
 * @param time      the event-time column (epoch ms or ISO-8601), or null (row order)
 * @param label     the label column (0/1, -1/+1, true/false; empty = no label), or null
 * @param numeric   numeric feature columns
 * @param ignore    columns to skip
 * @param delimiter field delimiter
 */
public record CsvColumns(String id, String time, String label, List<String> numeric, List<String> ignore,
                         char delimiter) implements Serializable {
    public CsvColumns {
        numeric = List.copyOf(numeric);
        ignore = List.copyOf(ignore);
    }

    public static CsvColumns none() {
        return new CsvColumns(null, null, null, List.of(), List.of(), ',');
    }

    public static CsvColumns parse(String spec, char delimiter) {
        String id = null;
        String time = null;
        String label = null;
        List<String> numeric = new ArrayList<>();
        List<String> ignore = new ArrayList<>();
        if (spec != null && !spec.isBlank()) {
            for (String part : spec.split(",")) {
                String[] kv = part.split("=", 2);
                if (kv.length != 2 || kv[1].isBlank()) {
                    throw new IllegalArgumentException("--csv-columns entries are role=column (roles: id, time, label,"
                            + " numeric, ignore), got '" + part + "'");
                }
                String role = kv[0].trim();
                String column = kv[1].trim();
                switch (role) {
                    case "id" -> id = column;
                    case "time" -> time = column;
                    case "label" -> label = column;
                    case "numeric" -> numeric.addAll(List.of(column.split("\\|")));
                    case "ignore" -> ignore.addAll(List.of(column.split("\\|")));
                    default -> throw new IllegalArgumentException("unknown --csv-columns role '" + role
                            + "'; roles are id, time, label, numeric, ignore");
                }
            }
        }
        return new CsvColumns(id, time, label, numeric, ignore, delimiter);
    }

    /** Fails if a named column is not in {@code header}. */
    public void checkAgainst(List<String> header) {
        Set<String> named = new LinkedHashSet<>();
        if (id != null) {
            named.add(id);
        }
        if (time != null) {
            named.add(time);
        }
        if (label != null) {
            named.add(label);
        }
        named.addAll(numeric);
        named.addAll(ignore);
        for (String column : named) {
            if (!header.contains(column)) {
                throw new IllegalArgumentException("--csv-columns names column '" + column
                        + "', which the header does not have; header: " + header);
            }
        }
    }
}
