package io.riffle.operators.common;

import io.riffle.models.event.SourcePosition;
import java.io.Serializable;
import java.util.List;

/**
 * Maps a record's packed {@code seq} back to a readable origin for dead letters raised after decoding (a late label in
 * the join, a duplicate point in the forecaster): the input's name by its index and, for Kafka inputs, the partition.
 *
 * @param names              the inputs' names (files, topics), by input index
 * @param partitionsPerInput 0 for files (a source index is an input index); for Kafka, the partitions per input that
 *                           a source index counts ({@code input * partitionsPerInput + partition})
 */
public record SourceNames(List<String> names, int partitionsPerInput) implements Serializable {
    public SourceNames {
        names = List.copyOf(names);
        if (partitionsPerInput < 0) {
            throw new IllegalArgumentException("partitions per input must be >= 0, got " + partitionsPerInput);
        }
    }

    /** Inputs without partitions (files): source index = input index. */
    public SourceNames(List<String> names) {
        this(names, 0);
    }

    public String name(long seq) {
        int index = input(seq);
        return index < names.size() ? names.get(index) : "input-" + index;
    }

    /** The Kafka partition of the record, or -1 for a file. */
    public int partition(long seq) {
        return partitionsPerInput == 0 ? -1 : SourcePosition.sourceIndex(seq) % partitionsPerInput;
    }

    /** The line (files) or offset (Kafka). */
    public long position(long seq) {
        return SourcePosition.position(seq);
    }

    private int input(long seq) {
        int index = SourcePosition.sourceIndex(seq);
        return partitionsPerInput == 0 ? index : index / partitionsPerInput;
    }
}
