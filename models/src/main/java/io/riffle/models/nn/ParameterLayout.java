package io.riffle.models.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Hands out slices of one flat parameter vector, so that a whole network is one {@code float[]} (and one gradient,
 * one Adam) while each layer only knows its offset. The named blocks are written into parameter files and checked on
 * read, so a file from a differently shaped network is refused instead of silently misread.
 */
public final class ParameterLayout {
    /** One named slice {@code [offset, offset + size)}. */
    public record Block(String name, int offset, int size) {}

    private final List<Block> blocks = new ArrayList<>();
    private int size;

    /** Reserves {@code count} parameters under {@code name}; returns the offset of the first. */
    public int reserve(String name, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("parameter block " + name + " cannot have " + count + " entries");
        }
        if ((long) size + count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("network too large: more than 2^31 parameters");
        }
        int offset = size;
        blocks.add(new Block(name, offset, count));
        size += count;
        return offset;
    }

    public int size() {
        return size;
    }

    public List<Block> blocks() {
        return Collections.unmodifiableList(blocks);
    }
}
