package io.riffle.connectors.graph;

import io.riffle.connectors.codec.Decoded;
import io.riffle.connectors.codec.RecordCodec;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.graph.event.EdgeEvent;

/**
 * JODIE's CSV (Kumar, Zhang and Leskovec 2019, "Predicting Dynamic Embedding Trajectory in Temporal Interaction
 * Networks"; the Wikipedia, Reddit, MOOC and LastFM sets): {@code user_id,item_id,timestamp,state_label,features…}
 * after a header row. Users and items are two kinds of node with their own integer ids, so they become {@code u<id>}
 * and {@code i<id>} (user 3 and item 3 are different nodes). The timestamp is a number of time units (seconds) from
 * the start of the data and may have a fraction; it becomes epoch milliseconds (time 0 = 1970-01-01). The state
 * label (0/1) is the record's label. The first line is skipped when it is a header (its first field is not an
 * integer).
 */
final class JodieCodec implements RecordCodec<EdgeEvent> {
    private final EdgeChecks checks;
    private final long unitMillis;

    JodieCodec(EdgeChecks checks, long unitMillis) {
        this.checks = checks;
        this.unitMillis = unitMillis;
    }

    @Override
    public Decoded<EdgeEvent> decode(SourceRecord record) {
        String line = record.text().strip();
        if (line.isEmpty()) {
            return Decoded.skip();
        }
        String[] f = line.split(",", -1);
        if (record.position() == 1 && record.partition() < 0 && EdgeChecks.integerId(f[0]) == null) {
            return Decoded.skip();
        }
        if (f.length < 4) {
            return Decoded.failed(EdgeChecks.KIND, "expected 'user_id,item_id,timestamp,state_label[,features…]', got "
                    + f.length + " field" + (f.length == 1 ? "" : "s") + (f.length == 2 ? " (missing time)" : ""));
        }
        String user = EdgeChecks.integerId(f[0]);
        if (user == null) {
            return Decoded.failed(EdgeChecks.KIND, "user id '" + EdgeChecks.excerpt(f[0]) + "' is not an integer");
        }
        String item = EdgeChecks.integerId(f[1]);
        if (item == null) {
            return Decoded.failed(EdgeChecks.KIND, "item id '" + EdgeChecks.excerpt(f[1]) + "' is not an integer");
        }
        long time;
        int label;
        float[] features = new float[f.length - 4];
        try {
            if (f[2].isBlank()) {
                throw new IllegalArgumentException("missing time");
            }
            time = EdgeChecks.millis(number(f[2], "timestamp"), unitMillis, "timestamp");
            String l = f[3].trim();
            if (l.equals("0") || l.equals("0.0")) {
                label = 0;
            } else if (l.equals("1") || l.equals("1.0")) {
                label = 1;
            } else {
                throw new IllegalArgumentException("state label '" + EdgeChecks.excerpt(l) + "' is not 0 or 1");
            }
            for (int i = 0; i < features.length; i++) {
                features[i] = (float) number(f[4 + i], "feature " + i);
            }
        } catch (IllegalArgumentException e) {
            return Decoded.failed(EdgeChecks.KIND, e.getMessage());
        }
        return checks.edge("u" + user, "i" + item, time, record.seq(), features, label);
    }

    private static double number(String text, String what) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("nan")) {
            return Double.NaN;
        }
        if (t.equals("inf") || t.equals("+inf") || t.equals("-inf")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + EdgeChecks.excerpt(text.trim()) + "' is not a number");
        }
    }
}
