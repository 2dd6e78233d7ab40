package io.riffle.models.event;

/**
 * Feedback that arrives after its impression.
 *
 * @param id    the impression's id
 * @param time  when the feedback happened, epoch milliseconds
 * @param seq   the record's place in the input ({@link SourcePosition})
 * @param label 0 or 1
 */
public record LabelEvent(String id, long time, long seq, int label) {}
