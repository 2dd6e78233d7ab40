package io.riffle.connectors.codec;

import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.event.SourcePosition;

/** Small text helpers for the delimited codecs. */
final class Split {
    private Split() {}

    /**
     * Splits {@code text} on {@code delimiter} into {@code out}; returns the number of fields, or
     * {@code out.length} when there are at least that many (the caller treats that as "too many").
     */
    static int split(String text, char delimiter, String[] out) {
        int count = 0;
        int start = 0;
        int length = text.length();
        for (int i = 0; i <= length; i++) {
            if (i == length || text.charAt(i) == delimiter) {
                if (count == out.length) {
                    return out.length;
                }
                out[count++] = text.substring(start, i);
                start = i + 1;
            }
        }
        return count;
    }

    /** An id for formats without one: the line number, prefixed by the input index after the first input. */
    static String rowId(SourceRecord record) {
        int index = SourcePosition.sourceIndex(record.seq());
        return index == 0 ? Long.toString(record.position()) : index + ":" + record.position();
    }

    static String excerpt(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
