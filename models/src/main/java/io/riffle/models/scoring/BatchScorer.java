package io.riffle.models.scoring;

import java.util.List;
import java.util.Map;

/**
 * A model that scores events a batch at a time and changes version when an update is applied: what a batching
 * scoring operator holds, one per operator slot. Not thread-safe; the operator calls it from its one task thread.
 *
 * @param <E> the event type
 * @param <U> the model-update type (a new version, or a delta to one)
 */
public interface BatchScorer<E, U> extends AutoCloseable {
    /** Scores {@code events[from, from + count)} into {@code scores[offset, offset + count)}, in order. */
    void score(List<E> events, int from, int count, double[] scores, int offset);

    /**
     * Applies {@code update}: a newer version replaces (or patches) the model; an update that is not newer, or that
     * cannot be used, changes nothing.
     *
     * @return true when the version changed
     */
    boolean apply(U update);

    /** The version that scores now; -1 before any. */
    long version();

    /** The model as it stands, for a checkpoint ({@link ScorerSpec#open} restores it). */
    byte[] snapshot();

    /**
     * How often the operator should call {@link #poll}, in milliseconds of processing time; 0 (the default) when the
     * scorer watches nothing.
     */
    default long pollIntervalMillis() {
        return 0;
    }

    /**
     * Checks the model's source (a watched file) and returns an update newer than {@link #version()} when it changed,
     * else null. The operator applies it like an update from the model stream: in-flight events are scored first.
     * Never throws on a half-written or unreadable file: it tries again at the next poll.
     */
    default U poll() {
        return null;
    }

    /** Counts worth reporting (events scored, events sent on by a cascade, …); empty by default. */
    default Map<String, Long> counters() {
        return Map.of();
    }

    /** Where the scorer runs ({@code CPU}, {@code CUDA:0}, {@code java}). */
    default String device() {
        return "java";
    }

    /** Releases native resources (ONNX Runtime sessions). */
    @Override
    void close();
}
