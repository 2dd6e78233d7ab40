package io.riffle.connectors.codec;

import java.io.Serializable;

/**
 * Reads an event time written as text, to epoch milliseconds. A family's codec and the Kafka source that reads the
 * same records ahead of it (for per-partition watermarks) must share one, or the two would disagree on a record's
 * time. Implementations are stateless constants, so that two inputs read alike compare equal.
 */
@FunctionalInterface
public interface TimeParser extends Serializable {
    /**
     * @throws IllegalArgumentException when {@code text} is not a time in this syntax
     */
    long parse(String text);
}
