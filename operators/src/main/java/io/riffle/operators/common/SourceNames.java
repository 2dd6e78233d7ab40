package io.riffle.operators.common;

import io.riffle.models.event.SourcePosition;
import java.io.Serializable;
import java.util.List;

/**
 * Maps a record's packed {@code seq} back to a readable origin for dead letters raised after decoding (a late label in
 * the join, say): the input's name by its index.
 */
public record SourceNames(List<String> names) implements Serializable {
    public SourceNames {
        names = List.copyOf(names);
    }

    public String name(long seq) {
        int index = SourcePosition.sourceIndex(seq);
        return index < names.size() ? names.get(index) : "input-" + index;
    }

    public long position(long seq) {
        return SourcePosition.position(seq);
    }
}
