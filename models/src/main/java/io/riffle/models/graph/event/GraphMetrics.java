package io.riffle.models.graph.event;

/**
 * The graph learner's prequential metrics as of one moment of event time: every interaction up to {@code time} has
 * been scored (before being learned from) and learned from. A function of the input alone, so replays write the same
 * metrics. AP and AUC use one random negative destination per interaction (the TGN/DyGLib protocol); MRR ranks the
 * true destination among sampled negatives (the TGB protocol): separate draws, separate numbers.
 *
 * @param time         event time (epoch ms) the metrics are as of
 * @param interactions interactions learned from
 * @param nodes        distinct nodes seen
 * @param modelStep    optimiser steps taken (the model version)
 * @param apPairs      interactions that had an AP/AUC negative (all but the first few)
 * @param mrrQueries   interactions that had MRR negatives
 * @param ap           the model's average precision
 * @param auc          the model's ROC AUC
 * @param mrr          the model's mean reciprocal rank, or NaN when MRR is off
 * @param apEdgeBank   EdgeBank's AP (same pairs)
 * @param aucEdgeBank  EdgeBank's AUC
 * @param mrrEdgeBank  EdgeBank's MRR
 * @param apRecency    the recency heuristic's AP (same pairs)
 * @param aucRecency   the recency heuristic's AUC
 * @param mrrRecency   the recency heuristic's MRR
 * @param loss         the training loss of the last batch
 */
public record GraphMetrics(long time, long interactions, long nodes, long modelStep, long apPairs, long mrrQueries,
                           double ap, double auc, double mrr, double apEdgeBank, double aucEdgeBank,
                           double mrrEdgeBank, double apRecency, double aucRecency, double mrrRecency,
                           double loss) {}
