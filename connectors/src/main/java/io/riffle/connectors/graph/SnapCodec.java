package io.riffle.connectors.graph;

import io.riffle.connectors.codec.Decoded;
import io.riffle.connectors.codec.RecordCodec;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.graph.event.EdgeEvent;

/**
 * SNAP temporal edge lists (Paranjape, Benson and Leskovec 2017): one interaction per line, {@code src dst time},
 * separated by spaces, tabs or a comma; integer node ids; integer times in the configured unit (seconds for the SNAP
 * sets), converted to epoch milliseconds. Blank lines and comment lines ({@code #} or {@code %}) are skipped. A line
 * with another number of fields, a non-integer id or time is dead-lettered with the reason.
 */
final class SnapCodec implements RecordCodec<EdgeEvent> {
    private final EdgeChecks checks;
    private final long unitMillis;
    private final String[] fields = new String[4];

    SnapCodec(EdgeChecks checks, long unitMillis) {
        this.checks = checks;
        this.unitMillis = unitMillis;
    }

    @Override
    public Decoded<EdgeEvent> decode(SourceRecord record) {
        String line = record.text().strip();
        if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == '%') {
            return Decoded.skip();
        }
        int n = split(line);
        if (n < 3) {
            return Decoded.failed(EdgeChecks.KIND, n == 2 ? "missing time: expected 'src dst time', got 2 fields"
                    : "expected 'src dst time', got " + n + " field" + (n == 1 ? "" : "s"));
        }
        if (n > 3) {
            return Decoded.failed(EdgeChecks.KIND, "expected 'src dst time', got more than 3 fields (SNAP edge"
                    + " lists carry no features: use jsonl or jodie)");
        }
        String src = EdgeChecks.integerId(fields[0]);
        if (src == null) {
            return Decoded.failed(EdgeChecks.KIND, "source id '" + EdgeChecks.excerpt(fields[0]) + "' is not an"
                    + " integer (SNAP node ids are integers)");
        }
        String dst = EdgeChecks.integerId(fields[1]);
        if (dst == null) {
            return Decoded.failed(EdgeChecks.KIND, "destination id '" + EdgeChecks.excerpt(fields[1]) + "' is not"
                    + " an integer (SNAP node ids are integers)");
        }
        long t;
        try {
            t = Math.multiplyExact(Long.parseLong(fields[2]), unitMillis);
        } catch (NumberFormatException e) {
            return Decoded.failed(EdgeChecks.KIND, "time '" + EdgeChecks.excerpt(fields[2]) + "' is not an"
                    + " integer");
        } catch (ArithmeticException e) {
            return Decoded.failed(EdgeChecks.KIND, "time " + fields[2] + " is out of range");
        }
        return checks.edge(src, dst, t, record.seq(), null, EdgeEvent.NO_LABEL);
    }

    /** Splits on runs of blanks, or on single commas; returns the field count (at most 4 kept). */
    private int split(String line) {
        int n = 0;
        int i = 0;
        int len = line.length();
        boolean comma = line.indexOf(',') >= 0;
        while (i <= len) {
            if (!comma) {
                while (i < len && isBlank(line.charAt(i))) {
                    i++;
                }
                if (i == len) {
                    break;
                }
            }
            int start = i;
            while (i < len && (comma ? line.charAt(i) != ',' : !isBlank(line.charAt(i)))) {
                i++;
            }
            if (n < fields.length) {
                fields[n] = line.substring(start, i).trim();
            }
            n++;
            i++;
        }
        return n;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
