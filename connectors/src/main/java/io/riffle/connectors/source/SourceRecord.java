package io.riffle.connectors.source;

/**
 * One raw input record, as a source read it, before decoding: a line of a file or the value of a Kafka record.
 *
 * @param source    file path or topic
 * @param partition Kafka partition, -1 for files
 * @param position  1-based line number (files) or offset (Kafka)
 * @param seq       the record's place in a total order over all inputs ({@code SourcePosition.pack})
 * @param timestamp the source's own timestamp (Kafka record time), or {@link Long#MIN_VALUE} when there is none
 * @param key       Kafka record key, or null
 * @param text      the record as text, or null when {@code error} is set
 * @param error     why the reader could not produce the record's text (line too long, not UTF-8, gzip ended early),
 *                  or null
 */
public record SourceRecord(
        String source,
        int partition,
        long position,
        long seq,
        long timestamp,
        String key,
        String text,
        String error) {

    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    public static SourceRecord line(String source, int sourceIndex, long line, String text) {
        return new SourceRecord(source, -1, line, io.riffle.models.event.SourcePosition.pack(sourceIndex, line),
                NO_TIMESTAMP, null, text, null);
    }

    public static SourceRecord unreadable(String source, int sourceIndex, long line, String error, String excerpt) {
        return new SourceRecord(source, -1, line, io.riffle.models.event.SourcePosition.pack(sourceIndex, line),
                NO_TIMESTAMP, null, excerpt, error);
    }

    public boolean readable() {
        return error == null;
    }
}
