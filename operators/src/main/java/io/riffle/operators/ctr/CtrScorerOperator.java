package io.riffle.operators.ctr;

import io.riffle.models.ctr.LinearModelUpdate;
import io.riffle.models.ctr.LinearScorer;
import io.riffle.models.event.HashedImpression;
import io.riffle.models.event.Prediction;
import io.riffle.models.scoring.VersionSequence;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Scores impressions (input 1) with the model versions a trainer publishes (input 2, a copy per scorer), and names the
 * version on every prediction. Versions apply in sequence ({@link VersionSequence}): a copy met twice, or a delta
 * after a gap, is skipped (both only after a restore at another parallelism).
 *
 * <p>{@link ScoringMode#LATEST}: versions are applied as they arrive, impressions scored at once.
 * {@link ScoringMode#EVENT_TIME}: an impression at time {@code t} is scored with the newest version whose
 * {@code asOf < t - lag}. It waits until no earlier impression can still come (input-1 watermark ≥ t) and every such
 * version has come (input-2 watermark ≥ t - lag - 1); impressions are then scored in (time, input position) order and
 * versions applied in order, so the weight table only moves forward and a replay scores exactly as before.
 *
 * <p>State (so a restore resumes exactly): the weight table and version, versions received but not yet due, and
 * impressions waiting. The table is union list state: after a rescale every scorer takes the oldest table and the
 * versions pending after it.
 */
public final class CtrScorerOperator extends AbstractStreamOperator<Prediction>
        implements TwoInputStreamOperator<HashedImpression, LinearModelUpdate, Prediction> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CtrScorerOperator.class);
    private static final Comparator<HashedImpression> EVENT_TIME_ORDER =
            Comparator.comparingLong(HashedImpression::time).thenComparingLong(HashedImpression::seq);

    private final ScoringMode mode;
    private final long lagMillis;
    private final int bits;
    private transient LinearScorer scorer;
    private transient ArrayDeque<LinearModelUpdate> due;
    private transient long newestVersion;
    private transient PriorityQueue<HashedImpression> waiting;
    private transient long impressionWatermark;
    private transient long modelWatermark;
    private transient ListState<byte[]> scorerState;
    private transient ListState<HashedImpression> waitingState;

    public CtrScorerOperator(ScoringMode mode, long lagMillis, int bits) {
        if (lagMillis < 0) {
            throw new IllegalArgumentException("--publication-lag must be >= 0 ms, got " + lagMillis);
        }
        this.mode = mode;
        this.lagMillis = lagMillis;
        this.bits = bits;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        scorerState = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("scorer",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        waitingState = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("waiting-impressions",
                TypeInformation.of(HashedImpression.class)));
        scorer = new LinearScorer(bits);
        due = new ArrayDeque<>();
        waiting = new PriorityQueue<>(EVENT_TIME_ORDER);
        impressionWatermark = Long.MIN_VALUE;
        modelWatermark = Long.MIN_VALUE;
        newestVersion = -1;
        if (context.isRestored()) {
            restore();
        }
    }

    private void restore() throws Exception {
        int me = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        Snapshot chosen = null;
        for (byte[] bytes : scorerState.get()) {
            Snapshot s = Snapshot.read(bytes);
            boolean mine = s.parallelism == parallelism && s.subtask == me;
            if (mine || chosen == null || !(chosen.parallelism == parallelism && chosen.subtask == me)
                    && s.scorer.version() < chosen.scorer.version()) {
                chosen = s;
            }
        }
        if (chosen != null) {
            scorer = chosen.scorer;
            due.addAll(chosen.due);
            newestVersion = due.isEmpty() ? scorer.version() : due.peekLast().version();
        }
        for (HashedImpression impression : waitingState.get()) {
            waiting.add(impression);
        }
    }

    @Override
    public void processElement1(StreamRecord<HashedImpression> element) {
        HashedImpression impression = element.getValue();
        if (mode == ScoringMode.LATEST) {
            score(impression);
        } else {
            waiting.add(impression);
        }
    }

    @Override
    public void processElement2(StreamRecord<LinearModelUpdate> element) {
        LinearModelUpdate update = element.getValue();
        if (!VersionSequence.applies(newestVersion, update.version(), update.full())) {
            if (update.version() > newestVersion) {
                LOG.info(VersionSequence.gapNote(newestVersion, update.version()));
            }
            return;
        }
        newestVersion = update.version();
        if (mode == ScoringMode.LATEST) {
            scorer.apply(update);
        } else {
            due.add(update);
        }
    }

    @Override
    public void processWatermark1(Watermark mark) throws Exception {
        impressionWatermark = mark.getTimestamp();
        release();
        super.processWatermark1(mark);
    }

    @Override
    public void processWatermark2(Watermark mark) throws Exception {
        modelWatermark = mark.getTimestamp();
        release();
        super.processWatermark2(mark);
    }

    private void release() {
        while (!waiting.isEmpty()) {
            HashedImpression next = waiting.peek();
            long cutoff = next.time() - lagMillis;
            if (next.time() > impressionWatermark || cutoff - 1 > modelWatermark) {
                return;
            }
            while (!due.isEmpty() && due.peek().asOf() < cutoff) {
                scorer.apply(due.poll());
            }
            score(waiting.poll());
        }
    }

    private void score(HashedImpression impression) {
        double p = scorer.score(impression);
        output.collect(new StreamRecord<>(new Prediction(impression.id(), impression.time(), p, scorer.version()),
                impression.time()));
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        int me = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        scorerState.update(List.of(new Snapshot(me, parallelism, scorer, new ArrayList<>(due)).write()));
        waitingState.update(new ArrayList<>(waiting));
    }

    /** One scorer's table and pending versions, in bytes (format 1). */
    private record Snapshot(int subtask, int parallelism, LinearScorer scorer, List<LinearModelUpdate> due) {
        byte[] write() throws java.io.IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(1);
            out.writeInt(subtask);
            out.writeInt(parallelism);
            scorer.write(out);
            out.writeInt(due.size());
            for (LinearModelUpdate u : due) {
                u.write(out);
            }
            out.flush();
            return bytes.toByteArray();
        }

        static Snapshot read(byte[] bytes) throws java.io.IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            int format = in.readInt();
            if (format != 1) {
                throw new java.io.IOException("unknown scorer-state format " + format);
            }
            int subtask = in.readInt();
            int parallelism = in.readInt();
            LinearScorer scorer = LinearScorer.read(in);
            int n = in.readInt();
            List<LinearModelUpdate> due = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                due.add(LinearModelUpdate.read(in));
            }
            return new Snapshot(subtask, parallelism, scorer, due);
        }
    }
}
