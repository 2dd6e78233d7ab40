package io.riffle.operators.graph;

import io.riffle.models.graph.TgnConfig;
import java.io.Serializable;

/**
 * What a graph learner operator needs to know.
 *
 * @param graph                 the graph's name: its key (one graph, one writer) and the name in its model file
 * @param model                 the learner's hyperparameters (learning rate already scaled for the batch size)
 * @param batchSize             interactions per temporal batch, in [1, 100000]: consecutive interactions in (time,
 *                              input position) order are learned together
 * @param batchWindowMillis     a batch also ends before an interaction more than this much event time after its
 *                              first (so a slow stream is not held back waiting for a full batch); 0 = no bound
 * @param metricsIntervalMillis event-time cadence of the metrics: metrics as of each multiple of it
 * @param modelTimeUnitMillis   the learner's clock tick: event times (epoch ms) are divided by it before the model
 *                              and the heuristics see them (1000: seconds, which the baselines' defaults assume)
 * @param initModel             a model file (model.riffle) whose parameters a fresh start begins from, or null
 * @param nodeCache             node states kept decoded on the heap in front of the state backend (write-back,
 *                              flushed at every checkpoint); 0 = every read and write goes to the state backend
 */
public record GraphSettings(String graph, TgnConfig model, int batchSize, long batchWindowMillis,
                            long metricsIntervalMillis, long modelTimeUnitMillis, String initModel, int nodeCache)
        implements Serializable {
    public static final int MAX_BATCH = 100_000;

    public GraphSettings {
        if (graph == null || graph.isBlank()) {
            throw new IllegalArgumentException("the graph's name must not be empty (--graph-name)");
        }
        if (model == null) {
            throw new IllegalArgumentException("the graph learner needs its model settings");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("--batch-size must be in [1, " + MAX_BATCH + "], got " + batchSize);
        }
        if (batchWindowMillis < 0) {
            throw new IllegalArgumentException("--batch-window must be >= 0 (0 = no bound), got " + batchWindowMillis
                    + " ms");
        }
        if (metricsIntervalMillis < 1) {
            throw new IllegalArgumentException("--metrics-interval must be at least 1 ms, got "
                    + metricsIntervalMillis);
        }
        if (nodeCache < 0) {
            throw new IllegalArgumentException("--node-cache must be >= 0 (0 = off), got " + nodeCache);
        }
        if (modelTimeUnitMillis < 1) {
            throw new IllegalArgumentException("the model's time unit must be at least 1 ms, got "
                    + modelTimeUnitMillis);
        }
    }
}
