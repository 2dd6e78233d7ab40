package io.riffle.connectors.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line (RFC 4180 quoting: {@code "a,b"} and {@code ""} for a quote inside quotes). Records never span
 * lines here: each line is one record with its own position, so a stray quote damages one record, not the rest of the
 * file. Hand-written for that reason (CSV libraries read multi-line records).
 */
public final class CsvSplitter {
    private final char delimiter;
    private final StringBuilder field = new StringBuilder();

    public CsvSplitter(char delimiter) {
        this.delimiter = delimiter;
    }

    /** Fields of {@code line}, or null if a quote is not closed. */
    public List<String> split(String line) {
        List<String> out = new ArrayList<>();
        field.setLength(0);
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == delimiter) {
                out.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(field.toString());
        return out;
    }
}
