package io.riffle.models.graph;

/**
 * One timestamped interaction (an edge event) {@code source → destination} at {@code time}, with optional edge
 * features, as the temporal graph learner consumes it.
 *
 * @param source      source node id (non-empty)
 * @param destination destination node id (non-empty); may equal the source (a self-loop)
 * @param time        event time in the stream's own unit (seconds for the SNAP sets); never the wall clock
 * @param features    edge features, exactly {@link TgnConfig#edgeFeatureDim()} finite values; null when that is 0.
 *                    The array is read, never kept or modified.
 */
public record Interaction(String source, String destination, long time, float[] features) {
    private static final float[] NONE = new float[0];

    public Interaction {
        if (source == null || source.isEmpty()) {
            throw new IllegalArgumentException("interaction source id must be non-empty");
        }
        if (destination == null || destination.isEmpty()) {
            throw new IllegalArgumentException("interaction destination id must be non-empty");
        }
        if (features == null) {
            features = NONE;
        }
    }

    /** An interaction without edge features. */
    public Interaction(String source, String destination, long time) {
        this(source, destination, time, NONE);
    }
}
