package io.riffle.streaming.cli;

import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.graph.EdgeCodecSpec;
import io.riffle.connectors.graph.EdgeFormat;
import io.riffle.models.graph.AttentionConfig;
import io.riffle.models.graph.BaselineConfig;
import io.riffle.models.graph.EvaluationConfig;
import io.riffle.models.graph.NegativeSamplingConfig;
import io.riffle.models.graph.PresConfig;
import io.riffle.models.graph.TgnConfig;
import io.riffle.streaming.graph.GraphInput;
import io.riffle.streaming.graph.GraphJobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of a temporal-graph job: input format, model, batching, evaluation. Each is declared once, here. */
public final class GraphOptions {
    /** Learning rates scaled by √B stop here (GraphBench: larger steps diverge at d = 100). */
    static final double MAX_SCALED_LEARNING_RATE = 0.01;

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FMT",
            description = "Input format: jsonl ({\"src\":…,\"dst\":…,\"time\":EPOCH_MS,\"features\":[…],"
                    + "\"label\":0|1}), jodie (user,item,timestamp,state_label,features…), snap (src dst time)"
                    + " (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--time-unit", defaultValue = "1s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "One unit of jodie and snap timestamps; jsonl times are always epoch milliseconds"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration timeUnit;

    @Option(names = "--edge-features", defaultValue = "auto", paramLabel = "N|auto",
            description = "Edge features per record; records with another number are dead-lettered. auto: as many as"
                    + " the file's first record has (default: ${DEFAULT-VALUE}).")
    String edgeFeatures;

    @Option(names = "--keep-self-loops",
            description = "Keep interactions of a node with itself (default: they are dead-lettered).")
    boolean keepSelfLoops;

    @Option(names = "--sort", defaultValue = "auto", paramLabel = "WHEN",
            description = "Replay the file from a time-sorted copy (kept in the state directory, holding the file's"
                    + " lines in memory while sorting): auto (when it is not in time order), always, never (records"
                    + " later than --allowed-lateness are dead-lettered) (default: ${DEFAULT-VALUE}).")
    String sort;

    @Option(names = "--max-record-bytes", defaultValue = "1048576", paramLabel = "BYTES",
            description = "Longer records are dead-lettered (default: ${DEFAULT-VALUE}).")
    int maxRecordBytes;

    @Option(names = "--graph-name", defaultValue = "graph", paramLabel = "NAME",
            description = "Name of the graph: the learner's key and the name in its model file"
                    + " (default: ${DEFAULT-VALUE}).")
    String graphName;

    @Option(names = "--memory-dim", defaultValue = "" + TgnConfig.DEFAULT_MEMORY_DIM, paramLabel = "D",
            description = "Node memory width d (default: ${DEFAULT-VALUE}).")
    int memoryDim;

    @Option(names = "--time-dim", defaultValue = "100", paramLabel = "N",
            description = "Width of the time encoding (default: ${DEFAULT-VALUE}).")
    int timeDim;

    @Option(names = "--decoder-hidden", defaultValue = "100", paramLabel = "N",
            description = "Hidden width of the link decoder (default: ${DEFAULT-VALUE}).")
    int decoderHidden;

    @Option(names = "--no-heuristic-features",
            description = "Decoder sees the two memories only, not the heuristic pair features (EdgeBank hits,"
                    + " recency, counts, common neighbours, popularity) (default: it sees them).")
    boolean noHeuristicFeatures;

    @Option(names = "--attention", defaultValue = "0", paramLabel = "K",
            description = "Attend over the K most recent neighbours (TGN's embedding module); 0 = off, embedding ="
                    + " memory (default: ${DEFAULT-VALUE}).")
    int attention;

    @Option(names = "--learning-rate", defaultValue = "" + TgnConfig.DEFAULT_LEARNING_RATE, paramLabel = "A",
            description = "Adam step size at batch size 1 (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--lr-batch-scaling", defaultValue = "sqrt", paramLabel = "HOW",
            description = "sqrt: scale the learning rate by √(batch size), at most 0.01 (recovers most of the AP"
                    + " that larger batches lose); none (default: ${DEFAULT-VALUE}).")
    String lrBatchScaling;

    @Option(names = "--negatives", defaultValue = "1", paramLabel = "N",
            description = "Training negatives per interaction (default: ${DEFAULT-VALUE}).")
    int negatives;

    @Option(names = "--historical-negatives", defaultValue = "0", paramLabel = "F",
            description = "Share of training negatives drawn from the source's past destinations instead of all"
                    + " nodes (default: ${DEFAULT-VALUE}).")
    double historicalNegatives;

    @Option(names = "--neighbours", defaultValue = "256", paramLabel = "N",
            description = "Distinct neighbours remembered per node (EdgeBank, recency, common neighbours); the least"
                    + " recently active are forgotten first (default: ${DEFAULT-VALUE}).")
    int neighbours;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
            description = "Seeds initialisation and every negative draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-size", defaultValue = "1", paramLabel = "B",
            description = "Interactions learned together in one temporal batch; larger is faster, less accurate"
                    + " (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--batch-window", defaultValue = "1m", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "A batch spans at most this much event time, so a slow stream is not held back; 0 = no"
                    + " bound (default: ${DEFAULT-VALUE}).")
    Duration batchWindow;

    @Option(names = "--pres", description = "Correct stale memories of nodes repeated inside a batch (PRES-style"
            + " prediction; only matters with --batch-size > 1) (default: off).")
    boolean pres;

    @Option(names = "--pres-gamma", defaultValue = "0.9", paramLabel = "G",
            description = "Weight of the PRES prediction against the stale memory (default: ${DEFAULT-VALUE}).")
    double presGamma;

    @Option(names = "--mrr-negatives", defaultValue = "20", paramLabel = "K",
            description = "Negatives each interaction's destination is ranked against for MRR (TGB protocol); 0 ="
                    + " no MRR (default: ${DEFAULT-VALUE}).")
    int mrrNegatives;

    @Option(names = "--mrr-historical", defaultValue = "0.5", paramLabel = "F",
            description = "Share of the MRR negatives drawn from the source's past destinations"
                    + " (default: ${DEFAULT-VALUE}).")
    double mrrHistorical;

    @Option(names = "--edgebank-window", defaultValue = "7d", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Time window of the windowed EdgeBank heuristic"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration edgeBankWindow;

    @Option(names = "--recency-scale", defaultValue = "1d", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "τ of the recency score τ/(τ + Δt) (default: ${DEFAULT-VALUE}).")
    Duration recencyScale;

    @Option(names = "--popularity-half-life", defaultValue = "1d", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Half-life of a node's decayed degree (default: ${DEFAULT-VALUE}).")
    Duration popularityHalfLife;

    @Option(names = "--metrics-interval", defaultValue = "1d", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Event-time cadence of metrics.jsonl (default: ${DEFAULT-VALUE}).")
    Duration metricsInterval;

    @Option(names = "--allowed-lateness", defaultValue = "1s", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "Records this far behind the newest event time are still used, in time order; later ones"
                    + " are dead-lettered (default: ${DEFAULT-VALUE}).")
    Duration allowedLateness;

    @Option(names = "--watermark-step", defaultValue = "1s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Event time advances in steps of at least this"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration watermarkStep;

    @Option(names = "--speedup", defaultValue = "0", paramLabel = "X",
            description = "Replay at X times the pace of event time; 0 = as fast as possible"
                    + " (default: ${DEFAULT-VALUE}).")
    double speedup;

    @Option(names = "--parallelism", defaultValue = "1", paramLabel = "N",
            description = "Parallelism of reading and decoding where the source allows it (a file has one reader);"
                    + " the learner is one writer per graph (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--node-cache", defaultValue = "20000", paramLabel = "N",
            description = "Node states kept decoded on the heap in front of RocksDB, written back when evicted and at"
                    + " every checkpoint (about 1 kB each at d = 100); 0 = every access goes to RocksDB"
                    + " (default: ${DEFAULT-VALUE}).")
    int nodeCache;

    @Option(names = "--init-model", paramLabel = "FILE",
            description = "Start from the parameters of a saved model (a model.riffle of an earlier run with the"
                    + " same model options); node memories start empty (default: none, fresh parameters; ignored"
                    + " when resuming from a checkpoint).")
    Path initModel;

    public EdgeFormat format() {
        return EdgeFormat.parse(format);
    }

    /** How records are decoded, before the feature width is known. */
    public EdgeCodecSpec codec() {
        return new EdgeCodecSpec(format(), EdgeCodecSpec.ANY_WIDTH, timeUnit.toMillis(), keepSelfLoops);
    }

    /**
     * Checks and scans the input file.
     *
     * @throws IllegalArgumentException with a message naming what to fix
     */
    public GraphInput scan(Path input) {
        if (timeUnit.toMillis() < 1) {
            throw new IllegalArgumentException("--time-unit must be at least 1ms, got " + timeUnit);
        }
        checkRecordSizeAndInitModel();
        LineFileSource.check(input);
        return GraphInput.of(input, codec(), GraphInput.Sort.parse(sort), maxRecordBytes);
    }

    /**
     * The job configuration for a Kafka input: values are JSON lines ({@code riffle kafka load --family graph}
     * converts jodie and snap files), read in the order the topic's partitions hold them (no {@code --sort}). A topic
     * is not scanned, so {@code --edge-features auto} means none: give the number when records carry features.
     *
     * @throws IllegalArgumentException with a message naming what to fix
     */
    public GraphJobConfig kafkaConfig() {
        if (format() != EdgeFormat.JSONL) {
            throw new IllegalArgumentException("--source kafka reads interactions as JSON lines (--format jsonl);"
                    + " riffle kafka load --family graph --format " + format().cliName() + " converts a file into"
                    + " such records");
        }
        checkRecordSizeAndInitModel();
        return toConfig(null);
    }

    /** The checks of a file input and a Kafka input alike. */
    private void checkRecordSizeAndInitModel() {
        if (maxRecordBytes < 16) {
            throw new IllegalArgumentException("--max-record-bytes must be at least 16, got " + maxRecordBytes);
        }
        if (initModel != null && !Files.isReadable(initModel)) {
            throw new IllegalArgumentException("--init-model " + initModel + " is not a readable file");
        }
    }

    /** The job configuration for a scanned input. */
    public GraphJobConfig toConfig(GraphInput input) {
        int width;
        if (edgeFeatures.trim().equalsIgnoreCase("auto")) {
            width = input == null ? 0 : input.featureWidth();
        } else {
            try {
                width = Integer.parseInt(edgeFeatures.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--edge-features must be a number or auto, got '" + edgeFeatures
                        + "'");
            }
        }
        EdgeCodecSpec codec = new EdgeCodecSpec(format(), width, timeUnit.toMillis(), keepSelfLoops);
        if (!lrBatchScaling.equals("sqrt") && !lrBatchScaling.equals("none")) {
            throw new IllegalArgumentException("--lr-batch-scaling must be sqrt or none, got '" + lrBatchScaling
                    + "'");
        }
        if (attention < 0) {
            throw new IllegalArgumentException("--attention must be >= 0 (0 = off), got " + attention);
        }
        double lr = learningRate;
        if (lrBatchScaling.equals("sqrt") && batchSize > 1) {
            lr = Math.max(learningRate, Math.min(learningRate * Math.sqrt(batchSize), MAX_SCALED_LEARNING_RATE));
        }
        TgnConfig defaults = TgnConfig.defaults();
        TgnConfig model = defaults.withDimensions(memoryDim, timeDim, decoderHidden)
                .withEdgeFeatureDim(width)
                .withBaselineFeatures(!noHeuristicFeatures)
                .withAttention(attention > 0 ? AttentionConfig.enabled(attention, memoryDim)
                        : AttentionConfig.disabled())
                .withPres(pres ? new PresConfig(true, presGamma, PresConfig.disabled().window())
                        : PresConfig.disabled())
                .withOptimizer(defaults.optimizer().withLearningRate(lr))
                .withNegatives(new NegativeSamplingConfig(negatives, historicalNegatives))
                .withEvaluation(new EvaluationConfig(true, mrrNegatives, mrrHistorical))
                .withBaselines(new BaselineConfig(seconds(edgeBankWindow), seconds(recencyScale),
                        seconds(popularityHalfLife)))
                .withNeighbourCapacity(neighbours)
                .withSeed(seed);
        return new GraphJobConfig(graphName, model, codec, batchSize, batchWindow.toMillis(),
                metricsInterval.toMillis(), allowedLateness.toMillis(), watermarkStep.toMillis(), speedup,
                parallelism, initModel == null ? null : initModel.toAbsolutePath().toString(), nodeCache);
    }

    /** A duration on the model's clock (seconds). */
    private static double seconds(Duration d) {
        return d.toMillis() / (double) GraphJobConfig.MODEL_TIME_UNIT_MILLIS;
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }
}
