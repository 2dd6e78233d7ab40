package io.riffle.models.event;

/**
 * An impression after feature hashing: 32-bit feature hashes (not yet reduced to a table size) and their values.
 * Hashing happens once, upstream of both scorer and trainer.
 *
 * @param id     event id
 * @param time   event time, epoch milliseconds
 * @param seq    place in the input ({@link SourcePosition})
 * @param hashes feature hashes, including the bias and field crosses
 * @param values feature values, same length as {@code hashes}
 * @param label  0, 1, or {@link Labels#NONE}
 */
public record HashedImpression(String id, long time, long seq, int[] hashes, float[] values, int label) {}
