package io.riffle.models.event;

/**
 * A whole model in its versioned file format, emitted by a trainer (at the end of a bounded input) for a sink to
 * store.
 *
 * @param model   the model's name
 * @param version its version
 * @param bytes   the model file's bytes
 */
public record ModelSnapshot(String model, long version, byte[] bytes) {}
