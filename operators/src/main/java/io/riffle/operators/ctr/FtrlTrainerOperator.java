package io.riffle.operators.ctr;

import io.riffle.models.ctr.CtrTrainer;
import io.riffle.models.ctr.LinearModelUpdate;
import io.riffle.models.event.Example;
import io.riffle.models.event.ModelSnapshot;
import io.riffle.models.io.FtrlChunkCodec;
import io.riffle.models.io.FtrlModelFile;
import io.riffle.models.metrics.CtrMetrics;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
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
 * The one writer of a CTR model: learns from examples in event-time order and publishes model versions downstream.
 *
 * <p><b>Order.</b> Examples are held until the watermark passes their time, then learned in (time, input position)
 * order, whatever order they arrived in. <b>Versions.</b> When the watermark passes a multiple {@code B} of the
 * publish interval, the examples up to {@code B} are learned and a version "as of B" is published: a sparse delta of
 * the weights changed since the previous version, with the metrics at that moment. Versions therefore depend on the
 * input alone, not on how watermarks happened to be spaced, so replays (and recoveries) publish identical versions.
 * The whole model is published on start and after a restore; at the end of a bounded input the model file is emitted.
 *
 * <p><b>State.</b> The weight table lives in memory for speed and in keyed {@link MapState} (RocksDB) as 4096-weight
 * chunks: a checkpoint writes only the chunks changed since the previous one, each with only its touched slots when
 * that is smaller ({@link FtrlChunkCodec}), so checkpoints stay small.
 * The operator runs keyed by the model name (one key, one writer). Model math is in {@link CtrTrainer}.
 */
public final class FtrlTrainerOperator extends AbstractStreamOperator<LinearModelUpdate>
        implements OneInputStreamOperator<Example, LinearModelUpdate> {
    public static final OutputTag<CtrMetrics> METRICS = new OutputTag<>("metrics",
            TypeInformation.of(CtrMetrics.class));
    public static final OutputTag<ModelSnapshot> MODEL_FILES = new OutputTag<>("model-files",
            TypeInformation.of(ModelSnapshot.class));

    private static final Comparator<Example> EVENT_TIME_ORDER =
            Comparator.comparingLong(Example::time).thenComparingLong(Example::seq);

    /** No version is due: nothing was learned since the last one. */
    private static final long NONE = Long.MIN_VALUE;

    private final TrainerSettings settings;
    private transient CtrTrainer trainer;
    private transient FtrlChunkCodec chunks;
    private transient PriorityQueue<Example> waiting;
    private transient long watermark;
    private transient long nextPublishAt;
    private transient long versionsPublished;
    private transient boolean restored;
    private transient MapState<Integer, byte[]> chunkState;
    private transient ValueState<byte[]> metaState;
    private transient ValueState<Long> nextPublishState;
    private transient ListState<Example> waitingState;

    public FtrlTrainerOperator(TrainerSettings settings) {
        this.settings = settings;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        chunkState = getKeyedStateStore().getMapState(new MapStateDescriptor<>("ftrl-chunks", Types.INT,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        metaState = getKeyedStateStore().getState(new ValueStateDescriptor<>("ftrl-meta",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        nextPublishState = getKeyedStateStore().getState(new ValueStateDescriptor<>("next-publish", Types.LONG));
        waitingState = getKeyedStateStore().getListState(new ListStateDescriptor<>("waiting-examples",
                TypeInformation.of(Example.class)));
        waiting = new PriorityQueue<>(EVENT_TIME_ORDER);
        watermark = Long.MIN_VALUE;
        nextPublishAt = NONE;
        trainer = new CtrTrainer(settings.model(), settings.ftrl(), settings.features(), settings.metricsWindow());
        if (context.isRestored()) {
            setCurrentKey(settings.model());
            byte[] meta = metaState.value();
            if (meta != null) {
                restored = true;
                FtrlChunkCodec codec = new FtrlChunkCodec(trainer.learner());
                for (Map.Entry<Integer, byte[]> e : chunkState.entries()) {
                    codec.decode(e.getKey(), e.getValue());
                }
                trainer.readMeta(meta);
                Long next = nextPublishState.value();
                nextPublishAt = next == null ? NONE : next;
                for (Example e : waitingState.get()) {
                    waiting.add(e);
                }
                LOG.info("Model '{}' restored from checkpoint at version {} ({} examples learned)",
                        settings.model(), trainer.version(), trainer.examplesSeen());
            }
        }
        if (!restored && settings.initModel() != null) {
            FtrlModelFile.Loaded loaded = FtrlModelFile.read(Path.of(settings.initModel()));
            if (!loaded.learner().space().equals(settings.features())
                    || !loaded.learner().params().equals(settings.ftrl())) {
                LOG.warn("Model file {} was trained with other settings ({}, {}); they are kept, the job's are"
                        + " ignored", settings.initModel(), loaded.learner().params(), loaded.learner().space());
            }
            trainer = loaded.toTrainer(settings.model(), settings.metricsWindow());
            LOG.info("Model '{}' warm-started from {} at version {}", settings.model(), settings.initModel(),
                    trainer.version());
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        chunks = new FtrlChunkCodec(trainer.learner());
        // On a fresh start (a warm start too) the first version scores everything from the beginning of time; after a
        // restore it is the version the scorers already hold.
        LinearModelUpdate full = restored ? trainer.fullSnapshot() : trainer.fullSnapshot(Long.MIN_VALUE);
        output.collect(new StreamRecord<>(full));
        LOG.info("Model '{}' version {} published in full ({} non-zero weights)", settings.model(),
                full.version(), full.indices().length);
    }

    @Override
    public void processElement(StreamRecord<Example> element) {
        Example example = element.getValue();
        if (example.time() <= watermark) {
            // Cannot happen when upstream drops late records (DecodeFunction); learned at once if it does.
            learn(example);
        } else {
            waiting.add(example);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long w = mark.getTimestamp();
        while (!waiting.isEmpty() && waiting.peek().time() <= w) {
            if (nextPublishAt != NONE && waiting.peek().time() > nextPublishAt) {
                // Every example up to the boundary has been learned: publish the version as of it.
                publish(nextPublishAt);
                continue;
            }
            learn(waiting.poll());
        }
        if (nextPublishAt != NONE && nextPublishAt <= w) {
            publish(nextPublishAt);
        }
        watermark = Math.max(watermark, w);
        super.processWatermark(mark);
    }

    private void learn(Example example) {
        trainer.learn(example);
        if (nextPublishAt == NONE) {
            nextPublishAt = boundaryAtOrAfter(example.time());
        }
    }

    private void publish(long asOf) {
        nextPublishAt = NONE;
        if (!trainer.hasUnpublishedChanges()) {
            return;
        }
        LinearModelUpdate update = trainer.publishDelta(asOf);
        output.collect(new StreamRecord<>(update, asOf));
        output.collect(METRICS, new StreamRecord<>(trainer.metrics(asOf), asOf));
        if (++versionsPublished % 1000 == 0) {
            LOG.info("Model '{}' version {} published as of {} ({} examples learned)", settings.model(),
                    update.version(), asOf, trainer.examplesSeen());
        }
    }

    private long boundaryAtOrAfter(long time) {
        long interval = settings.publishIntervalMillis();
        long floor = Math.floorDiv(time, interval) * interval;
        return floor == time ? time : floor + interval;
    }

    @Override
    public void finish() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FtrlModelFile.write(trainer, trainer.lastPublishedAsOf(), bytes);
        output.collect(MODEL_FILES, new StreamRecord<>(new ModelSnapshot(settings.model(), trainer.version(),
                bytes.toByteArray())));
        LOG.info("Model '{}' finished at version {} after {} examples", settings.model(), trainer.version(),
                trainer.examplesSeen());
        super.finish();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        setCurrentKey(settings.model());
        for (int c : trainer.learner().drainDirtyChunks()) {
            chunkState.put(c, chunks.encode(c));
        }
        metaState.update(trainer.writeMeta());
        nextPublishState.update(nextPublishAt);
        List<Example> list = new ArrayList<>(waiting);
        waitingState.update(list);
    }
}
