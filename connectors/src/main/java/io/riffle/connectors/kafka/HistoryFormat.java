package io.riffle.connectors.kafka;

import io.riffle.connectors.source.SourceRecord;

/**
 * How {@link HistoryLoader} turns the rows of a recorded file into Kafka records, for one model family: which events a
 * row holds, the key and event time of each, and its value as the family's canonical JSON line (what its Kafka job
 * reads). Used by one load, on one thread; may keep buffers.
 */
public interface HistoryFormat {
    /**
     * Sends what {@code row} holds to {@code out}: its events, or the row unchanged when it does not decode (or not
     * wholly). A row that holds nothing (a header, a blank line) sends nothing.
     */
    void convert(SourceRecord row, Records out);

    /** Where a format sends what it makes of a row. */
    interface Records {
        /**
         * One event.
         *
         * @param kind     what it is ({@code impression}, {@code label}, {@code point}), for the counts
         * @param toSecond send it to the second topic ({@code --labels-topic}) when there is one
         * @param key      the record key (event id, series key)
         * @param time     event time, epoch milliseconds: the record's timestamp
         * @param value    the event as one JSON line
         */
        void event(String kind, boolean toSecond, String key, long time, String value);

        /** A row that does not decode, sent as it is for the job to dead-letter (no key, the previous timestamp). */
        void undecodable(boolean toSecond, String row);
    }
}
