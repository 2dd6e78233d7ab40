package io.riffle.connectors.codec;

import io.riffle.connectors.source.SourceRecord;

/**
 * Decodes raw records of one format into events of type {@code T}. Never throws on bad data: it returns
 * {@link Decoded#failed} with a reason. Used by one thread; may keep buffers.
 */
public interface RecordCodec<T> {
    Decoded<T> decode(SourceRecord record);
}
