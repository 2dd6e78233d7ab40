package io.riffle.operators.onnx;

import io.riffle.models.event.Prediction;
import io.riffle.models.scoring.BatchScorer;
import io.riffle.models.scoring.EventAccess;
import io.riffle.models.scoring.ScorerSpec;
import io.riffle.models.scoring.VersionSequence;
import io.riffle.operators.ctr.ScoringMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the batching scoring operators share ({@link BatchScoringOperator} with a model-update input,
 * {@link SingleInputBatchScoringOperator} without): collect events into a batch, score it with one call to a
 * {@link BatchScorer} from {@code models/}, emit one {@link Prediction} per event in input order, naming the model
 * version that scored it.
 *
 * <p><b>Live ({@link ScoringMode#LATEST}).</b> A batch is scored when it holds {@code maxBatch} events or when its
 * first event has waited {@code maxDelayMillis} (a processing-time timer). A model update first scores the batch in
 * flight with the version that was current when its events arrived, then swaps: no event is dropped or rescored. A
 * watermark that arrives while a batch waits is held back and forwarded right after the batch, so no prediction is
 * ever behind the watermark downstream. Before a checkpoint barrier the batch is scored and emitted
 * ({@code prepareSnapshotPreBarrier}): nothing is in flight in a checkpoint, so a restore neither loses nor repeats a
 * prediction.
 *
 * <p><b>Reproducible ({@link ScoringMode#EVENT_TIME}).</b> As {@code CtrScorerOperator}: an event at time t waits until
 * the event watermark reaches t and the model watermark reaches t - lag - 1, and is scored with the newest version
 * whose as-of is below t - lag. Released events are scored in (time, input position) order in batches of at most
 * {@code maxBatch}, a batch ending where a version must be applied. Waiting events and pending versions are state.
 *
 * <p><b>Resources.</b> The scorer (an ONNX Runtime session and its buffers) is opened in {@code open()} and closed in
 * {@code close()}: one per slot, never shared between threads. A scorer that watches a model file is polled on a
 * processing-time timer; what it finds is applied like an update from the stream.
 *
 * <p><b>State.</b> The scorer's snapshot (union list state: after a rescale each subtask takes its own, or the oldest)
 * and, in event-time mode, the waiting events and pending versions.
 */
abstract class BatchScoringCore<E, U> extends AbstractStreamOperator<Prediction> {
    /** Riffle's own logger (Flink's operator logger is quiet at the command line's log level). */
    private static final Logger SCORER_LOG = LoggerFactory.getLogger(BatchScoringCore.class);

    private final ScorerSpec<E, U> spec;
    private final BatchSettings settings;
    private final TypeInformation<E> eventType;
    private final TypeInformation<U> updateType;

    private transient BatchScorer<E, U> scorer;
    private transient EventAccess<E> access;
    private transient List<E> batch;
    private transient double[] scores;
    private transient ScheduledFuture<?> flushTimer;
    private transient ScheduledFuture<?> pollTimer;
    private transient Watermark heldWatermark;
    private transient PriorityQueue<E> waiting;
    private transient TreeMap<Long, U> due;
    private transient long newestVersion;
    private transient long eventWatermark;
    private transient long modelWatermark;
    private transient byte[] restoredScorer;
    private transient ListState<byte[]> scorerState;
    private transient ListState<E> waitingState;
    private transient ListState<U> dueState;
    private transient Counter scoredCounter;
    private transient Counter batchCounter;
    private transient long batches;
    private transient long scored;

    BatchScoringCore(ScorerSpec<E, U> spec, BatchSettings settings, TypeInformation<E> eventType,
                     TypeInformation<U> updateType) {
        this.spec = spec;
        this.settings = settings;
        this.eventType = eventType;
        this.updateType = updateType;
    }

    /** True when this operator has no model-update input (its model watermark is always complete). */
    abstract boolean singleInput();

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        scorerState = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("batch-scorer",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        waitingState = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("waiting-events",
                eventType));
        dueState = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("pending-versions",
                updateType));
        access = spec.events();
        waiting = new PriorityQueue<>(Comparator.comparingLong(access::time).thenComparingLong(access::seq));
        due = new TreeMap<>();
        batch = new ArrayList<>(settings.maxBatch());
        eventWatermark = Long.MIN_VALUE;
        modelWatermark = singleInput() ? Long.MAX_VALUE : Long.MIN_VALUE;
        newestVersion = -1;
        if (context.isRestored()) {
            restoredScorer = chooseSnapshot();
            for (E e : waitingState.get()) {
                waiting.add(e);
            }
        }
    }

    /** This subtask's own scorer snapshot when the parallelism is unchanged, else the one with the oldest version. */
    private byte[] chooseSnapshot() throws Exception {
        int me = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        Tagged chosen = null;
        for (byte[] bytes : scorerState.get()) {
            Tagged t = Tagged.read(bytes);
            boolean mine = t.parallelism == parallelism && t.subtask == me;
            if (mine) {
                chosen = t;
                break;
            }
            if (chosen == null || t.version < chosen.version) {
                chosen = t;
            }
        }
        return chosen == null ? null : chosen.snapshot;
    }

    @Override
    public void open() throws Exception {
        super.open();
        scorer = spec.open(restoredScorer);
        restoredScorer = null;
        newestVersion = scorer.version();
        for (U u : dueState.get()) {
            long v = spec.version(u);
            if (v > newestVersion) {
                due.put(v, u);
            }
        }
        if (!due.isEmpty()) {
            newestVersion = due.lastKey();
        }
        scores = new double[settings.maxBatch()];
        scoredCounter = getMetricGroup().counter("scoredEvents");
        batchCounter = getMetricGroup().counter("batches");
        getMetricGroup().gauge("modelVersion", () -> scorer == null ? -1L : scorer.version());
        long poll = scorer.pollIntervalMillis();
        if (poll > 0) {
            pollTimer = getProcessingTimeService().scheduleWithFixedDelay(t -> poll(), poll, poll);
        }
        SCORER_LOG.info("Batch scorer open: {} ({}), model version {}, batches of {} events or {} ms, {} mode",
                spec.describe(), scorer.device(), scorer.version(), settings.maxBatch(), settings.maxDelayMillis(),
                settings.mode().cliName());
    }

    // ---- events ------------------------------------------------------------------------------------------------

    final void onEvent(E event) throws Exception {
        if (settings.mode() == ScoringMode.EVENT_TIME) {
            waiting.add(event);
            return;
        }
        batch.add(event);
        if (batch.size() >= settings.maxBatch()) {
            flush();
        } else if (batch.size() == 1) {
            if (settings.maxDelayMillis() == 0) {
                flush();
            } else {
                long at = getProcessingTimeService().getCurrentProcessingTime() + settings.maxDelayMillis();
                flushTimer = getProcessingTimeService().registerTimer(at, t -> onTimer());
            }
        }
    }

    private void onTimer() throws Exception {
        flushTimer = null;
        flush();
    }

    /** Scores the batch, emits its predictions in order, then forwards a watermark held back meanwhile. */
    private void flush() throws Exception {
        if (flushTimer != null) {
            flushTimer.cancel(false);
            flushTimer = null;
        }
        int n = batch.size();
        if (n > 0) {
            scorer.score(batch, 0, n, scores, 0);
            long version = scorer.version();
            for (int i = 0; i < n; i++) {
                E e = batch.get(i);
                long time = access.time(e);
                output.collect(new StreamRecord<>(new Prediction(access.id(e), time, scores[i], version), time));
            }
            batch.clear();
            batches++;
            scored += n;
            batchCounter.inc();
            scoredCounter.inc(n);
        }
        if (heldWatermark != null) {
            Watermark w = heldWatermark;
            heldWatermark = null;
            super.processWatermark(w);
        }
    }

    // ---- model versions ----------------------------------------------------------------------------------------

    final void onUpdate(U update) throws Exception {
        long v = spec.version(update);
        if (!VersionSequence.applies(newestVersion, v, spec.whole(update))) {
            if (v > newestVersion) {
                SCORER_LOG.info(VersionSequence.gapNote(newestVersion, v));
            }
            return;
        }
        newestVersion = v;
        if (settings.mode() == ScoringMode.EVENT_TIME) {
            due.put(v, update);
        } else {
            applyNow(update);
        }
    }

    private void applyNow(U update) throws Exception {
        flush();
        if (scorer.apply(update)) {
            newestVersion = Math.max(newestVersion, scorer.version());
        }
    }

    private void poll() throws Exception {
        U update = scorer.poll();
        if (update != null) {
            applyNow(update);
        }
    }

    // ---- watermarks ----------------------------------------------------------------------------------------------

    final void onEventWatermark(long w) throws Exception {
        eventWatermark = w;
        release();
    }

    final void onModelWatermark(long w) throws Exception {
        modelWatermark = w;
        release();
    }

    /** Event-time mode: scores every waiting event whose time and model have come, in batches. */
    private void release() throws Exception {
        if (settings.mode() != ScoringMode.EVENT_TIME) {
            return;
        }
        while (!waiting.isEmpty()) {
            E next = waiting.peek();
            long time = access.time(next);
            long cutoff = time - settings.lagMillis();
            if (time > eventWatermark || cutoff - 1 > modelWatermark) {
                break;
            }
            while (!due.isEmpty() && spec.asOf(due.firstEntry().getValue()) < cutoff) {
                flush();
                scorer.apply(due.pollFirstEntry().getValue());
            }
            batch.add(waiting.poll());
            if (batch.size() >= settings.maxBatch()) {
                flush();
            }
        }
        flush();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (batch.isEmpty()) {
            super.processWatermark(mark);
        } else {
            heldWatermark = mark;
        }
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------------

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        int me = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        scorerState.update(List.of(new Tagged(me, parallelism, scorer.version(), scorer.snapshot()).write()));
        waitingState.update(new ArrayList<>(waiting));
        dueState.update(new ArrayList<>(due.values()));
    }

    /** The input of events has ended: nothing more will join the batch. */
    final void eventsEnded() throws Exception {
        flush();
    }

    @Override
    public void finish() throws Exception {
        release();
        flush();
        super.finish();
    }

    @Override
    public void close() throws Exception {
        try {
            if (pollTimer != null) {
                pollTimer.cancel(false);
            }
            if (scorer != null) {
                SCORER_LOG.info("Batch scorer closing: {} events in {} batches (mean {}), model version {}, {}", scored,
                        batches, batches == 0 ? 0 : String.format("%.1f", (double) scored / batches),
                        scorer.version(), scorer.counters());
                scorer.close();
                scorer = null;
            }
        } finally {
            super.close();
        }
    }

    /** Counts of the open scorer (for tests and reports). */
    java.util.Map<String, Long> counters() {
        return scorer.counters();
    }

    /** A scorer snapshot tagged with who wrote it (format 1). */
    private record Tagged(int subtask, int parallelism, long version, byte[] snapshot) {
        byte[] write() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(1);
                out.writeInt(subtask);
                out.writeInt(parallelism);
                out.writeLong(version);
                out.writeInt(snapshot.length);
                out.write(snapshot);
            }
            return bytes.toByteArray();
        }

        static Tagged read(byte[] bytes) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                int format = in.readInt();
                if (format != 1) {
                    throw new IOException("unknown batch-scorer state format " + format);
                }
                int subtask = in.readInt();
                int parallelism = in.readInt();
                long version = in.readLong();
                byte[] snapshot = new byte[in.readInt()];
                in.readFully(snapshot);
                return new Tagged(subtask, parallelism, version, snapshot);
            }
        }
    }
}
