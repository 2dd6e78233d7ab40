package io.riffle.connectors.codec;

import io.riffle.connectors.source.SourceRecord;

/**
 * Decodes raw records of one input format into CTR events. Never throws on bad data: it returns a failure with a
 * reason. Instances are used by one thread and may keep buffers.
 */
public interface CtrCodec {
    CtrDecoded decode(SourceRecord record);
}
