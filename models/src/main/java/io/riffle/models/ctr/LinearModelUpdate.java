package io.riffle.models.ctr;

/**
 * A model version published by a trainer to its scorers: either the full weight vector (on start and after a
 * restore) or a sparse delta of the weights changed since the previous version.
 *
 * @param model        the model's name
 * @param version      monotonically increasing version number
 * @param asOf         event time up to which the trainer had learned (its watermark) when it published; an
 *                     event-time scorer uses the version with the largest {@code asOf} below the impression's time
 *                     minus the publication lag
 * @param full         true when {@code indices} list every non-zero weight and all others are zero
 * @param bits         the table size, {@code 2^bits}; scorers check it
 * @param indices      coordinates, ascending
 * @param weights      their weights
 * @param examplesSeen examples learned from so far (provenance)
 * @param lastSeq      the last learned example's input position (provenance, {@code SourcePosition})
 */
public record LinearModelUpdate(
        String model,
        long version,
        long asOf,
        boolean full,
        int bits,
        int[] indices,
        float[] weights,
        long examplesSeen,
        long lastSeq) {}
