package io.riffle.models.metrics;

/**
 * A trainer's progressive metrics at one moment of event time. Everything here is a function of the input alone, so
 * two replays of the same input write identical metrics; wall-clock rates are reported apart (summary, progress line).
 *
 * @param time            event time (the trainer's watermark) when taken
 * @param modelVersion    the newest published model version
 * @param examples        labelled examples learned from
 * @param positives       of which clicks
 * @param labelEvents     examples whose label came from a separate label event
 * @param windowNegatives examples made negative because no label came within the attribution window
 * @param logLoss         progressive log loss over the whole stream
 * @param auc             progressive AUC over the whole stream
 * @param windowLogLoss   progressive log loss over the last {@code windowSize} examples
 * @param windowAuc       progressive AUC over the same window
 * @param baselineLogLoss progressive log loss of the constant-rate baseline
 * @param entropyLogLoss  log loss of the best constant in hindsight
 * @param windowSize      examples in the sliding window
 */
public record CtrMetrics(
        long time,
        long modelVersion,
        long examples,
        long positives,
        long labelEvents,
        long windowNegatives,
        double logLoss,
        double auc,
        double windowLogLoss,
        double windowAuc,
        double baselineLogLoss,
        double entropyLogLoss,
        int windowSize) {}
