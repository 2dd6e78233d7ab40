package io.riffle.streaming.graph;

import io.riffle.connectors.graph.EdgeCodecSpec;
import io.riffle.models.graph.TgnConfig;
import io.riffle.operators.graph.GraphSettings;
import java.io.Serializable;

/**
 * Everything that shapes a graph job's graph and its learning, validated on construction. Sources and sinks are not
 * here: a job is handed those ({@link GraphPipeline}).
 *
 * @param graph                 the graph's name (the learner's key, one writer per graph)
 * @param model                 the learner's hyperparameters, learning rate already scaled for the batch size
 * @param codec                 how edge records are decoded (format, feature width, time unit, self-loops)
 * @param batchSize             interactions per temporal batch
 * @param batchWindowMillis     a batch spans at most this much event time (0 = no bound)
 * @param metricsIntervalMillis event-time cadence of the metrics
 * @param allowedLatenessMillis how far behind the newest event time a record may be and still be used
 * @param watermarkStepMillis   watermarks advance in steps of at least this much event time
 * @param speedup               replay pace as a multiple of event time; 0 = as fast as possible
 * @param parallelism           parallelism of reading and decoding where the source allows it (the learner is one
 *                              writer per graph)
 * @param initModel             a model file whose parameters a fresh start begins from, or null
 * @param nodeCache             node states kept decoded on the heap in front of RocksDB (0 = none)
 */
public record GraphJobConfig(
        String graph,
        TgnConfig model,
        EdgeCodecSpec codec,
        int batchSize,
        long batchWindowMillis,
        long metricsIntervalMillis,
        long allowedLatenessMillis,
        long watermarkStepMillis,
        double speedup,
        int parallelism,
        String initModel,
        int nodeCache) implements Serializable {
    /** The learner's clock ticks in seconds: event times (ms) are divided by this before the model sees them. */
    public static final long MODEL_TIME_UNIT_MILLIS = 1000;

    public GraphJobConfig {
        if (codec.featureWidth() != model.edgeFeatureDim()) {
            throw new IllegalArgumentException("the decoder expects " + codec.featureWidth() + " edge features but the"
                    + " model takes " + model.edgeFeatureDim());
        }
        if (allowedLatenessMillis < 0) {
            throw new IllegalArgumentException("--allowed-lateness must be >= 0, got " + allowedLatenessMillis);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be >= 1, got " + parallelism);
        }
        if (speedup < 0 || Double.isNaN(speedup)) {
            throw new IllegalArgumentException("--speedup must be >= 0 (0 = as fast as possible), got " + speedup);
        }
        settings(graph, model, batchSize, batchWindowMillis, metricsIntervalMillis, initModel, nodeCache);
    }

    public GraphSettings settings() {
        return settings(graph, model, batchSize, batchWindowMillis, metricsIntervalMillis, initModel, nodeCache);
    }

    private static GraphSettings settings(String graph, TgnConfig model, int batchSize, long window, long metrics,
                                          String initModel, int nodeCache) {
        return new GraphSettings(graph, model, batchSize, window, metrics, MODEL_TIME_UNIT_MILLIS, initModel,
                nodeCache);
    }

    /** One line about the model, for the console. */
    public String describeModel() {
        TgnConfig m = model;
        return String.format(java.util.Locale.ROOT, "TGN memory d=%d, time encoding %d, decoder %d%s%s, %d edge "
                        + "feature%s, Adam %.2g, %d training negative%s, batch %d%s, MRR vs %d negatives",
                m.memoryDim(), m.timeDim(), m.decoderHidden(), m.baselineFeatures() ? " + heuristic features" : "",
                m.attention().enabled() ? ", attention over " + m.attention().neighbours() + " neighbours" : "",
                m.edgeFeatureDim(), m.edgeFeatureDim() == 1 ? "" : "s", m.optimizer().learningRate(),
                m.negatives().count(), m.negatives().count() == 1 ? "" : "s", batchSize,
                m.pres().enabled() ? " with PRES (γ " + m.pres().gamma() + ")" : "", m.evaluation().mrrNegatives());
    }
}
