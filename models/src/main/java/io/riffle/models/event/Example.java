package io.riffle.models.event;

/**
 * A labelled training example, ready for a learner.
 *
 * @param id             impression id
 * @param impressionTime when the impression was shown
 * @param time           when the example became known (label time, the attribution window's end, or the
 *                       impression time for a row that carried its label): learners see examples in this order
 * @param seq            the impression's place in the input; breaks ties in {@code time}
 * @param hashes         feature hashes
 * @param values         feature values
 * @param label          0 or 1
 * @param labelSource    where the label came from
 */
public record Example(
        String id,
        long impressionTime,
        long time,
        long seq,
        int[] hashes,
        float[] values,
        int label,
        LabelSource labelSource) {

    public static Example of(HashedImpression impression, long time, int label, LabelSource labelSource) {
        return new Example(impression.id(), impression.time(), time, impression.seq(), impression.hashes(),
                impression.values(), label, labelSource);
    }
}
