package io.riffle.models.scoring;

import java.io.Serializable;

/**
 * Everything a task needs to open a {@link BatchScorer} where it runs: shipped with the job graph, so it holds
 * settings and paths, not sessions. Also says how to read an event's identity and an update's version.
 *
 * @param <E> the event type
 * @param <U> the model-update type
 */
public interface ScorerSpec<E, U> extends Serializable {
    /**
     * Opens a scorer (ONNX Runtime sessions are created here, on the task manager).
     *
     * @param restored what {@link BatchScorer#snapshot()} returned at the checkpoint being restored, or null
     */
    BatchScorer<E, U> open(byte[] restored);

    /** How to read the id, time and input position of an event. */
    EventAccess<E> events();

    /** An update's version number. */
    long version(U update);

    /**
     * Whether an update holds the whole model rather than the changes since the version before it
     * ({@link VersionSequence}). Models that are only ever sent whole need not say.
     */
    default boolean whole(U update) {
        return true;
    }

    /** The event time an update's model is "as of" (event-time scoring applies it to later events only). */
    long asOf(U update);

    /** A one-line description for logs. */
    String describe();
}
