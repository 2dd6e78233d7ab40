package io.riffle.models.graph.event;

/**
 * What the graph learner says about one interaction, computed before it learns from it (test-then-train): one line
 * of {@code predictions.jsonl}.
 *
 * @param source      source node id
 * @param destination destination node id
 * @param time        event time, epoch milliseconds
 * @param seq         the interaction's place in the input
 * @param label       the record's own label, or {@link EdgeEvent#NO_LABEL}
 * @param score       the model's probability that this link occurs now, given everything before it
 * @param edgeBank    EdgeBank's score (1 if source → destination was seen before, else 0)
 * @param recency     the recency/popularity heuristic's score
 * @param modelStep   the optimiser step of the parameters that scored it (0 = initial parameters): the model
 *                    version
 */
public record LinkPrediction(String source, String destination, long time, long seq, int label, double score,
                             double edgeBank, double recency, long modelStep) {}
