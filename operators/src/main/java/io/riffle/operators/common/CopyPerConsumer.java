package io.riffle.operators.common;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Emits each element once per consumer subtask. Followed by a round-robin ({@code rebalance}) edge into that many
 * consumers, each consumer receives exactly one copy of every element: the round robin sends consecutive records to
 * consecutive channels, and the copies of one element are emitted together. This is a broadcast that Flink can
 * checkpoint unaligned, which a {@code broadcast()} edge is not (see {@code ScorerEdges} in the streaming module).
 */
public final class CopyPerConsumer<T> implements FlatMapFunction<T, T> {
    private static final long serialVersionUID = 1L;

    private final int consumers;

    public CopyPerConsumer(int consumers) {
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be >= 1, got " + consumers);
        }
        this.consumers = consumers;
    }

    @Override
    public void flatMap(T value, Collector<T> out) {
        for (int i = 0; i < consumers; i++) {
            out.collect(value);
        }
    }
}
