package io.riffle.connectors.graph;

import io.riffle.connectors.codec.Decoded;
import io.riffle.models.graph.event.EdgeEvent;

/** The checks every edge codec applies once a record is parsed: ids, self-loops, feature width and values. */
final class EdgeChecks {
    static final String KIND = "edge";
    /** Longer node ids are dead-lettered (they are stored in every neighbour's record). */
    static final int MAX_ID_CHARS = 1024;
    private static final float[] NONE = new float[0];

    private final int featureWidth;
    private final boolean keepSelfLoops;

    EdgeChecks(int featureWidth, boolean keepSelfLoops) {
        this.featureWidth = featureWidth;
        this.keepSelfLoops = keepSelfLoops;
    }

    /** The event, or a failure saying what is wrong with it. */
    Decoded<EdgeEvent> edge(String src, String dst, long time, long seq, float[] features, int label) {
        if (src == null || src.isEmpty()) {
            return Decoded.failed(KIND, "missing or empty source id");
        }
        if (dst == null || dst.isEmpty()) {
            return Decoded.failed(KIND, "missing or empty destination id");
        }
        if (src.length() > MAX_ID_CHARS || dst.length() > MAX_ID_CHARS) {
            return Decoded.failed(KIND, "node id longer than " + MAX_ID_CHARS + " characters");
        }
        if (!keepSelfLoops && src.equals(dst)) {
            return Decoded.failed(KIND, "self-loop: source and destination are both '" + src + "' (a node cannot"
                    + " interact with itself here; --keep-self-loops keeps them)");
        }
        float[] f = features == null ? NONE : features;
        if (featureWidth != EdgeCodecSpec.ANY_WIDTH && f.length != featureWidth) {
            return Decoded.failed(KIND, "wrong feature width: " + f.length + " edge feature"
                    + (f.length == 1 ? "" : "s") + ", this stream has " + featureWidth + " (--edge-features)");
        }
        for (int i = 0; i < f.length; i++) {
            if (!Float.isFinite(f[i])) {
                return Decoded.failed(KIND, "edge feature " + i + " is " + f[i] + " (features must be finite)");
            }
        }
        return Decoded.of(new EdgeEvent(src, dst, time, seq, f, label), KIND);
    }

    /** An integer id in canonical form ({@code "007"} is {@code "7"}), or null when {@code text} is not one. */
    static String integerId(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.length() > 19) {
            return null;
        }
        int start = t.charAt(0) == '-' || t.charAt(0) == '+' ? 1 : 0;
        if (start == t.length()) {
            return null;
        }
        for (int i = start; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return Long.toString(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code value × unit} milliseconds, rounded; throws when not finite or out of range. */
    static long millis(double value, long unitMillis, String what) {
        double ms = value * unitMillis;
        if (!Double.isFinite(ms) || Math.abs(ms) > 9.0e15) {
            throw new IllegalArgumentException(what + " " + value + " is not a usable time");
        }
        return Math.round(ms);
    }

    static String excerpt(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
