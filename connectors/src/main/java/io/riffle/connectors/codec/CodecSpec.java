package io.riffle.connectors.codec;

import java.io.Serializable;

/** A serializable recipe for a {@link RecordCodec}: built in the CLI, shipped with the job, opened on a task. */
public interface CodecSpec<T> extends Serializable {
    RecordCodec<T> create();
}
