package io.riffle.models.graph.event;

/**
 * One interaction of an edge stream as decoded from its source, before the learner sees it: the record that flows
 * from decoding to the graph learner.
 *
 * @param source      source node id (non-empty)
 * @param destination destination node id (non-empty)
 * @param time        event time, epoch milliseconds (SNAP and JODIE seconds are converted on decoding)
 * @param seq         the record's place in the input ({@code SourcePosition.pack}); breaks ties in {@code time}
 * @param features    edge features (empty when the stream has none); never modified after decoding
 * @param label       the record's own label (JSON lines {@code label}, JODIE state label), or {@link #NO_LABEL}
 */
public record EdgeEvent(String source, String destination, long time, long seq, float[] features, int label) {
    /** The record carried no label. */
    public static final int NO_LABEL = -1;

    /** This interaction at event time {@code time} (a source that stamps records with their time, such as Kafka's). */
    public EdgeEvent withTime(long time) {
        return time == this.time ? this : new EdgeEvent(source, destination, time, seq, features, label);
    }
}
