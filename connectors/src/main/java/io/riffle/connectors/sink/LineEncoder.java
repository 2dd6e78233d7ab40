package io.riffle.connectors.sink;

import java.io.Serializable;

/** Writes one record as one line of text (without the newline). */
@FunctionalInterface
public interface LineEncoder<T> extends Serializable {
    void encode(T value, StringBuilder out);
}
