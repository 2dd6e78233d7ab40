package io.riffle.operators.graph;

import io.riffle.models.RiffleVersion;
import io.riffle.models.event.ModelSnapshot;
import io.riffle.models.graph.GraphModelFile;
import io.riffle.models.graph.Interaction;
import io.riffle.models.graph.LinkScorer;
import io.riffle.models.graph.LinkScores;
import io.riffle.models.graph.NodeStore;
import io.riffle.models.graph.PrequentialLinkMetrics;
import io.riffle.models.graph.TemporalGraphLearner;
import io.riffle.models.graph.event.EdgeEvent;
import io.riffle.models.graph.event.GraphMetrics;
import io.riffle.models.graph.event.LinkPrediction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The one writer of a temporal graph: scores every interaction with the TGN-style memory model and the heuristic
 * baselines, then learns from it ({@link TemporalGraphLearner}, test-then-train), in event-time order.
 *
 * <p><b>Why one writer per graph.</b> An interaction (s, d, t) updates both endpoints' memories, each from the
 * other's, and every batch updates the shared parameters; the next interaction of either node must see those
 * updates. Keying by node would put s and d on different subtasks that would have to exchange state mid-update, and
 * a Flink 2 job graph has no loops to send it back. So the operator runs keyed by the graph's name: one key, one
 * subtask, every update in order. Decoding and parsing run in parallel before it.
 *
 * <p><b>Order.</b> Interactions wait until the watermark passes them, then are learned in (time, input position)
 * order, in temporal batches of up to {@link GraphSettings#batchSize()} ({@link TemporalBatcher}). Each interaction
 * comes out as a {@link LinkPrediction} naming the optimiser step of the parameters that scored it. <b>Metrics.</b>
 * When event time passes each multiple of the metrics interval, the prequential AP/AUC and MRR of the model, EdgeBank
 * and recency as of that time go to {@link #METRICS}. At the end of a bounded input the trained parameters go to
 * {@link #MODEL_FILES} as a {@link GraphModelFile}.
 *
 * <p><b>State.</b> Node states live in keyed {@code MapState<String, byte[]>} (RocksDB), so graphs larger than the
 * heap work; the {@link GraphSettings#nodeCache()} most recently used ones are also kept decoded on the heap
 * ({@link CachedNodeStore}) and written back when evicted and at every checkpoint. The shared parameters with Adam's moments, the sampling state, the metrics
 * (their chunked log, only the last chunk rewritten) and the interactions waiting for the watermark are written at
 * each checkpoint.
 */
public final class GraphLearnerOperator extends AbstractStreamOperator<LinkPrediction>
        implements OneInputStreamOperator<EdgeEvent, LinkPrediction> {
    public static final OutputTag<GraphMetrics> METRICS = new OutputTag<>("graph-metrics",
            TypeInformation.of(GraphMetrics.class));
    public static final OutputTag<ModelSnapshot> MODEL_FILES = new OutputTag<>("graph-model-files",
            TypeInformation.of(ModelSnapshot.class));

    /** No metrics are due: nothing was learned since the last ones. */
    private static final long NONE = Long.MIN_VALUE;
    private static final int META_FORMAT = 1;

    private final GraphSettings settings;
    private transient TemporalGraphLearner learner;
    private transient CachedNodeStore cache;
    private transient PrequentialLinkMetrics metrics;
    private transient TemporalBatcher batcher;
    private transient EdgeEvent[] batch;
    private transient Interaction[] interactions;
    private transient LinkScores[] scores;
    private transient long watermark;
    private transient long nextMetricsAt;
    private transient long lastTime;
    private transient long lastSeq;
    private transient long skippedBatches;
    private transient double lastLoss;
    private transient MapState<String, byte[]> nodeState;
    private transient ValueState<byte[]> parameterState;
    private transient ValueState<byte[]> samplingState;
    private transient ValueState<byte[]> metaState;
    private transient ValueState<byte[]> metricsMetaState;
    private transient MapState<Integer, byte[]> metricChunkState;
    private transient ListState<EdgeEvent> waitingState;

    public GraphLearnerOperator(GraphSettings settings) {
        this.settings = settings;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        var bytes = PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
        nodeState = getKeyedStateStore().getMapState(new MapStateDescriptor<>("graph-nodes", Types.STRING, bytes));
        parameterState = getKeyedStateStore().getState(new ValueStateDescriptor<>("tgn-parameters", bytes));
        samplingState = getKeyedStateStore().getState(new ValueStateDescriptor<>("tgn-sampling", bytes));
        metaState = getKeyedStateStore().getState(new ValueStateDescriptor<>("graph-meta", bytes));
        metricsMetaState = getKeyedStateStore().getState(new ValueStateDescriptor<>("link-metrics-meta", bytes));
        metricChunkState = getKeyedStateStore().getMapState(new MapStateDescriptor<>("link-metrics-chunks",
                Types.INT, bytes));
        waitingState = getKeyedStateStore().getListState(new ListStateDescriptor<>("waiting-interactions",
                TypeInformation.of(EdgeEvent.class)));
        int b = settings.batchSize();
        batcher = new TemporalBatcher(b, settings.batchWindowMillis(), settings.metricsIntervalMillis());
        batch = new EdgeEvent[b];
        interactions = new Interaction[b];
        watermark = Long.MIN_VALUE;
        nextMetricsAt = NONE;
        lastTime = Long.MIN_VALUE;
        lastSeq = -1;
        NodeStore store = new MapStateNodeStore(nodeState);
        if (settings.nodeCache() > 0) {
            cache = new CachedNodeStore(store, settings.model(), settings.nodeCache());
            store = cache;
        }
        setCurrentKey(settings.graph());
        byte[] parameters = context.isRestored() ? parameterState.value() : null;
        if (parameters != null) {
            learner = TemporalGraphLearner.restore(settings.model(), store, parameters, samplingState.value());
            metrics = restoreMetrics();
            readMeta(metaState.value());
            for (EdgeEvent e : waitingState.get()) {
                batcher.add(e);
            }
            LOG.info("Graph '{}' restored from checkpoint at step {} ({} interactions, {} nodes)", settings.graph(),
                    learner.parameters().steps(), learner.interactionsSeen(), learner.nodesSeen());
        } else if (settings.initModel() != null) {
            GraphModelFile.Loaded loaded = GraphModelFile.read(Path.of(settings.initModel()));
            if (!loaded.config().equals(settings.model())) {
                throw new IllegalArgumentException("--init-model " + settings.initModel() + " was trained with other"
                        + " settings (" + loaded.config() + ") than this job's (" + settings.model() + ")");
            }
            learner = new TemporalGraphLearner(settings.model(), store, loaded.parameters());
            metrics = new PrequentialLinkMetrics();
            LOG.info("Graph '{}' warm-started from {} (step {}; node memories start empty)", settings.graph(),
                    settings.initModel(), loaded.parameters().steps());
        } else {
            learner = new TemporalGraphLearner(settings.model(), store);
            metrics = new PrequentialLinkMetrics();
        }
        scores = new LinkScores[b];
        for (int i = 0; i < b; i++) {
            scores[i] = learner.newScores();
        }
    }

    private PrequentialLinkMetrics restoreMetrics() throws Exception {
        Map<Integer, byte[]> chunks = new TreeMap<>();
        for (Map.Entry<Integer, byte[]> e : metricChunkState.entries()) {
            chunks.put(e.getKey(), e.getValue());
        }
        return PrequentialLinkMetrics.restore(metricsMetaState.value(), chunks.values().toArray(new byte[0][]));
    }

    @Override
    public void processElement(StreamRecord<EdgeEvent> element) {
        batcher.add(element.getValue());
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long w = mark.getTimestamp();
        setCurrentKey(settings.graph());
        drain(Math.max(w, watermark));
        watermark = Math.max(watermark, w);
        super.processWatermark(mark);
    }

    /** Learns every complete batch the watermark has passed, with the metrics due between them. */
    private void drain(long w) {
        while (true) {
            EdgeEvent head = batcher.peek();
            if (head == null || head.time() > w) {
                break;
            }
            if (nextMetricsAt != NONE && head.time() > nextMetricsAt) {
                emitMetrics(nextMetricsAt);
                continue;
            }
            int n = batcher.poll(w, batch);
            if (n == 0) {
                break;
            }
            learn(n);
        }
        if (nextMetricsAt != NONE && nextMetricsAt <= w) {
            EdgeEvent head = batcher.peek();
            if (head == null || head.time() > nextMetricsAt) {
                emitMetrics(nextMetricsAt);
            }
        }
    }

    private void learn(int n) {
        long unit = settings.modelTimeUnitMillis();
        for (int i = 0; i < n; i++) {
            EdgeEvent e = batch[i];
            interactions[i] = new Interaction(e.source(), e.destination(), Math.floorDiv(e.time(), unit),
                    e.features());
        }
        long step = learner.parameters().steps();
        try {
            learner.learnBatch(interactions, n, scores);
            lastLoss = learner.lastLoss();
        } catch (IllegalStateException nonFinite) {
            // Scores were computed; parameters and node states were left as they were. Keep going.
            skippedBatches++;
            LOG.warn("Graph '{}': a batch of {} interactions at time {} produced a non-finite gradient and was not"
                    + " learned from ({} such batches so far)", settings.graph(), n, batch[0].time(), skippedBatches);
        }
        for (int i = 0; i < n; i++) {
            EdgeEvent e = batch[i];
            LinkScores s = scores[i];
            metrics.add(s);
            output.collect(new StreamRecord<>(new LinkPrediction(e.source(), e.destination(), e.time(), e.seq(),
                    e.label(), s.probability(), s.score(LinkScorer.EDGEBANK, LinkScores.POSITIVE),
                    s.score(LinkScorer.RECENCY, LinkScores.POSITIVE), step), e.time()));
            lastTime = e.time();
            lastSeq = e.seq();
            batch[i] = null;
            interactions[i] = null;
        }
        if (nextMetricsAt == NONE) {
            nextMetricsAt = batcher.periodEnd(lastTime);
        }
    }

    private void emitMetrics(long asOf) {
        nextMetricsAt = NONE;
        GraphMetrics m = new GraphMetrics(asOf, learner.interactionsSeen(), learner.nodesSeen(),
                learner.parameters().steps(), metrics.pairs(), metrics.mrrQueries(),
                metrics.averagePrecision(0), metrics.auc(0), metrics.mrr(0),
                metrics.averagePrecision(1), metrics.auc(1), metrics.mrr(1),
                metrics.averagePrecision(2), metrics.auc(2), metrics.mrr(2), lastLoss);
        output.collect(METRICS, new StreamRecord<>(m, asOf));
    }

    @Override
    public void finish() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GraphModelFile.write(new GraphModelFile.Provenance(settings.graph(), learner.parameters().steps(), lastTime,
                learner.interactionsSeen(), learner.nodesSeen(), lastSeq, RiffleVersion.get()),
                learner.parameters(), bytes);
        output.collect(MODEL_FILES, new StreamRecord<>(new ModelSnapshot(settings.graph(),
                learner.parameters().steps(), bytes.toByteArray())));
        LOG.info("Graph '{}' finished at step {} after {} interactions over {} nodes (node cache hit rate {})",
                settings.graph(), learner.parameters().steps(), learner.interactionsSeen(), learner.nodesSeen(),
                cache == null ? "n/a" : String.format("%.3f", cache.hitRate()));
        super.finish();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        setCurrentKey(settings.graph());
        if (cache != null) {
            cache.flush();
        }
        parameterState.update(learner.parameters().toBytes());
        samplingState.update(learner.samplingBytes());
        for (int c : metrics.drainDirtyChunks()) {
            metricChunkState.put(c, metrics.encodeChunk(c));
        }
        metricsMetaState.update(metrics.metaBytes());
        metaState.update(writeMeta());
        waitingState.update(batcher.pending());
    }

    private byte[] writeMeta() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(META_FORMAT);
        out.writeLong(watermark);
        out.writeLong(nextMetricsAt);
        out.writeLong(lastTime);
        out.writeLong(lastSeq);
        out.writeLong(skippedBatches);
        out.writeDouble(lastLoss);
        out.flush();
        return bytes.toByteArray();
    }

    private void readMeta(byte[] meta) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(meta));
        int format = in.readInt();
        if (format != META_FORMAT) {
            throw new IOException("graph operator state format " + format + " is not readable by this build");
        }
        watermark = in.readLong();
        nextMetricsAt = in.readLong();
        lastTime = in.readLong();
        lastSeq = in.readLong();
        skippedBatches = in.readLong();
        lastLoss = in.readDouble();
    }
}
