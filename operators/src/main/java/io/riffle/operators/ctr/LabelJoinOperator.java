package io.riffle.operators.ctr;

import io.riffle.connectors.sink.JsonLines;
import io.riffle.models.event.DeadLetter;
import io.riffle.models.event.Example;
import io.riffle.models.event.HashedImpression;
import io.riffle.models.event.LabelEvent;
import io.riffle.models.event.LabelSource;
import io.riffle.operators.common.CoalescedDeadlines;
import io.riffle.operators.common.DeadLetterLog;
import io.riffle.operators.common.DeadLetters;
import io.riffle.operators.common.SourceNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.internal.InternalListState;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Joins impressions with the labels that arrive later, by impression id, in event time (delayed feedback, as in
 * Chapelle 2014): a label at most {@code window} after its impression makes an example with that label; no label by
 * {@code t + window} makes a negative. When the example is released is the {@link LabelTiming}: at the window's end
 * for every impression (the default, unbiased), or at the label's time for a click.
 *
 * <p>Labels may also arrive before their impression (out of order within the allowed lateness); they wait
 * {@code lateness} for it. Dead-lettered with a reason: a label after the window closed, a second label, a label whose
 * impression never came, a second impression with a pending id. At the end of a bounded input, impressions whose
 * window is still open and which have no label are not turned into negatives (the data cannot say whether a click
 * would have come); they were scored, and are counted in the logs. Those with a label are learned. "Still open" is
 * judged against the newest event time this operator has seen (checkpointed), not against the final watermark, which
 * jumps to +∞ when the last input ends: with two inputs that end at different event times, windows that closed
 * before the later one ended still make their negatives.
 *
 * <p>State per id, one entry ({@link JoinState}). Its deadlines (window end, an early label's wait, the memory of a
 * closed window) are {@link CoalescedDeadlines}: one timer per key group and {@code granularity} of event time, not
 * one per id, and the watermark this operator forwards is rounded down to that granularity. Nothing outlives
 * {@code t + 2 window + lateness + granularity}.
 *
 * <p>Keyed by impression id on both inputs.
 */
public final class LabelJoinOperator extends AbstractStreamOperator<Example>
        implements TwoInputStreamOperator<HashedImpression, LabelEvent, Example>, Triggerable<String, VoidNamespace> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LabelJoinOperator.class);

    /** Coarsest deadline granularity by default: the trainer's watermark lags the join's input by at most this. */
    private static final long MAX_DEFAULT_GRANULARITY_MILLIS = 1000;

    /** By earliest deadline, then id: the order in which a fired bucket's ids are settled, whatever their arrival. */
    private static final Comparator<Slot> SETTLE_ORDER =
            Comparator.comparingLong((Slot s) -> s.nextDeadline).thenComparing(s -> s.id);

    private final long windowMillis;
    private final long latenessMillis;
    private final long rememberMillis;
    private final long granularityMillis;
    private final SourceNames sources;
    private final LabelTiming timing;
    private transient ValueState<JoinState> state;
    private transient CoalescedDeadlines deadlines;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient TimestampedCollector<Example> out;
    private transient long outputTime;
    private transient long openAtEnd;
    private transient DeadLetterLog deadLetterLog;
    private transient long newestTime;
    private transient ListState<Long> newestTimeState;

    public LabelJoinOperator(long windowMillis, long latenessMillis, SourceNames sources, LabelTiming timing) {
        this(windowMillis, latenessMillis, sources, timing, defaultGranularity(windowMillis));
    }

    /**
     * @param granularityMillis deadlines are met up to this late in event time, and share a timer per key group
     *                          within it; 1 gives one timer per id and deadline
     */
    public LabelJoinOperator(long windowMillis, long latenessMillis, SourceNames sources, LabelTiming timing,
                             long granularityMillis) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("--attribution-window must be > 0, got " + windowMillis + " ms");
        }
        if (granularityMillis <= 0) {
            throw new IllegalArgumentException("the label join's deadline granularity must be > 0 ms, got "
                    + granularityMillis);
        }
        this.windowMillis = windowMillis;
        this.latenessMillis = latenessMillis;
        this.rememberMillis = Math.max(latenessMillis, windowMillis);
        this.granularityMillis = granularityMillis;
        this.sources = sources;
        this.timing = timing;
    }

    /** A tenth of the window, at most a second: a five-minute window's deadlines share one timer per second. */
    public static long defaultGranularity(long windowMillis) {
        return Math.max(1, Math.min(MAX_DEFAULT_GRANULARITY_MILLIS, windowMillis / 10));
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        newestTimeState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("newest-event-time", Types.LONG));
        newestTime = Long.MIN_VALUE;
        for (Long t : newestTimeState.get()) {
            newestTime = Math.max(newestTime, t);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open() throws Exception {
        super.open();
        state = getPartitionedState(new ValueStateDescriptor<>("join-state", TypeInformation.of(JoinState.class)));
        InternalListState<String, Long, String> due = (InternalListState<String, Long, String>)
                getOrCreateKeyedState(LongSerializer.INSTANCE, CoalescedDeadlines.descriptor("join-deadlines"));
        var task = getRuntimeContext().getTaskInfo();
        int keyGroups = task.getMaxNumberOfParallelSubtasks();
        timers = getInternalTimerService("join-deadlines", VoidNamespaceSerializer.INSTANCE, this);
        deadlines = new CoalescedDeadlines(granularityMillis, this, due, timers, keyGroups,
                KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(keyGroups,
                        task.getNumberOfParallelSubtasks(), task.getIndexOfThisSubtask()));
        out = new TimestampedCollector<>(output);
        deadLetterLog = new DeadLetterLog("label join");
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        newestTimeState.update(List.of(newestTime));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        super.processWatermark(new Watermark(deadlines.outputWatermark(mark.getTimestamp())));
    }

    /*
     * Impressions and labels reach this operator on two inputs whose interleaving is not deterministic, and deadlines
     * are met on the slower input's watermark. Every decision below is therefore made from event times alone: state
     * that a deadline would already have cleared, had the watermark been further on, is treated as cleared. So a
     * replay, or a recovery, makes the same examples and the same dead letters, whatever the arrival order.
     *
     * Each call reads the id's state once into a Slot and writes it back once if it changed: one state access each
     * way per call, which with RocksDB is most of this operator's cost.
     */

    @Override
    public void processElement1(StreamRecord<HashedImpression> element) throws Exception {
        HashedImpression impression = element.getValue();
        at(element);
        newestTime = Math.max(newestTime, impression.time());
        Slot slot = load(impression.id());
        HashedImpression waiting = slot.pending;
        if (waiting != null) {
            long waitingEnd = waiting.time() + windowMillis;
            if (impression.time() <= waitingEnd) {
                deadLetter(deadLetter("impression", impression.seq(), "duplicate impression id '"
                        + impression.id() + "': an impression with this id (time " + waiting.time()
                        + ") is still waiting for its label", impression.id()));
                return;
            }
            // Its window has closed in event time: the example its deadline would make.
            finish(slot);
        }
        slot.closed = null;
        LabelEvent label = slot.early;
        if (label != null) {
            slot.early = null;
            if (label.time() + latenessMillis < impression.time()) {
                deadLetter(withoutImpression(label));
            } else if (label.time() > impression.time() + windowMillis) {
                deadLetter(labelDeadLetter(label, late(label, impression.time() + windowMillis)));
            } else if (timing == LabelTiming.LABEL_TIME) {
                out.collect(Example.of(impression, Math.max(label.time(), impression.time()), label.label(),
                        LabelSource.EVENT));
                close(slot, impression.time() + windowMillis, true);
                save(slot);
                return;
            } else {
                slot.attached = label;
            }
        }
        slot.pending = impression;
        deadlines.add(slot.id, impression.time() + windowMillis);
        save(slot);
    }

    @Override
    public void processElement2(StreamRecord<LabelEvent> element) throws Exception {
        LabelEvent label = element.getValue();
        at(element);
        newestTime = Math.max(newestTime, label.time());
        Slot slot = load(label.id());
        try {
            join(label, slot);
        } finally {
            save(slot);
        }
    }

    private void join(LabelEvent label, Slot slot) throws Exception {
        HashedImpression impression = slot.pending;
        if (impression != null && label.time() > impression.time() + windowMillis + rememberMillis) {
            // Long past its window: what its deadline would have done by now.
            finish(slot);
            impression = null;
        }
        if (impression != null) {
            long windowEnd = impression.time() + windowMillis;
            if (label.time() > windowEnd) {
                deadLetter(labelDeadLetter(label, late(label, windowEnd)));
                return;
            }
            if (timing == LabelTiming.WINDOW_END) {
                if (slot.attached != null) {
                    deadLetter(labelDeadLetter(label, DUPLICATE));
                } else {
                    slot.attached = label;
                }
                return;
            }
            out.collect(Example.of(impression, Math.max(label.time(), impression.time()), label.label(),
                    LabelSource.EVENT));
            slot.pending = null;
            close(slot, windowEnd, true);
            return;
        }
        ClosedWindow window = slot.closed;
        if (window != null && label.time() <= window.end() + rememberMillis) {
            deadLetter(labelDeadLetter(label, window.labelled() ? DUPLICATE : late(label, window.end())));
            return;
        }
        LabelEvent waiting = slot.early;
        if (waiting != null) {
            if (label.time() <= waiting.time() + latenessMillis) {
                deadLetter(labelDeadLetter(label, "duplicate label: another label for this id is already waiting"
                        + " for its impression"));
                return;
            }
            deadLetter(withoutImpression(waiting));
        }
        slot.early = label;
        deadlines.add(slot.id, label.time() + latenessMillis);
    }

    /**
     * The example an impression makes when its window closes: with the label that came within it, or a negative.
     */
    private void finish(Slot slot) throws Exception {
        HashedImpression impression = slot.pending;
        long windowEnd = impression.time() + windowMillis;
        LabelEvent label = slot.attached;
        slot.pending = null;
        if (label != null) {
            slot.attached = null;
            out.collect(Example.of(impression, windowEnd, label.label(), LabelSource.EVENT));
        } else {
            out.collect(Example.of(impression, windowEnd, 0, LabelSource.WINDOW_EXPIRED));
        }
        close(slot, windowEnd, label != null);
    }

    /**
     * Remembers for one more window (or the lateness, if longer) that this id's window closed, to name the reason of a
     * label that comes after: "late" or "duplicate" rather than "without impression".
     */
    private void close(Slot slot, long windowEnd, boolean labelled) throws Exception {
        slot.closed = new ClosedWindow(windowEnd, labelled);
        deadlines.add(slot.id, windowEnd + rememberMillis);
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        long bucketEnd = timer.getTimestamp();
        List<Slot> slots = new ArrayList<>();
        for (String id : deadlines.take(timer)) {
            setCurrentKey(id);
            Slot slot = load(id);
            slot.nextDeadline = nextDeadline(slot);
            if (slot.nextDeadline <= bucketEnd) {
                slots.add(slot);
            }
        }
        slots.sort(SETTLE_ORDER);
        for (Slot slot : slots) {
            setCurrentKey(slot.id);
            settle(slot, bucketEnd);
            save(slot);
        }
    }

    /** Does what every deadline of this id up to {@code bucketEnd} asks, earliest first. */
    private void settle(Slot slot, long bucketEnd) throws Exception {
        long deadline;
        while ((deadline = nextDeadline(slot)) <= bucketEnd) {
            outputTime = deadline;
            out.setAbsoluteTimestamp(deadline);
            HashedImpression impression = slot.pending;
            if (impression != null && deadline == impression.time() + windowMillis) {
                if (inputEnded() && deadline > newestTime && slot.attached == null) {
                    slot.pending = null;
                    if (openAtEnd++ == 0) {
                        LOG.info("Input ended while impressions still waited for labels: they were scored but not"
                                + " learned from (their attribution window had not closed)");
                    }
                } else {
                    finish(slot);
                }
            } else if (slot.early != null && deadline == slot.early.time() + latenessMillis) {
                deadLetter(withoutImpression(slot.early));
                slot.early = null;
            } else {
                slot.closed = null;
            }
        }
    }

    /** The input has ended: the watermark jumped to +∞. */
    private boolean inputEnded() {
        return timers.currentWatermark() == Long.MAX_VALUE;
    }

    private long nextDeadline(Slot slot) {
        long next = Long.MAX_VALUE;
        if (slot.pending != null) {
            next = Math.min(next, slot.pending.time() + windowMillis);
        }
        if (slot.early != null) {
            next = Math.min(next, slot.early.time() + latenessMillis);
        }
        if (slot.closed != null) {
            next = Math.min(next, slot.closed.end() + rememberMillis);
        }
        return next;
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}

    private void at(StreamRecord<?> element) {
        if (element.hasTimestamp()) {
            outputTime = element.getTimestamp();
            out.setTimestamp(element);
        } else {
            outputTime = Long.MIN_VALUE;
            out.eraseTimestamp();
        }
    }

    private Slot load(String id) throws Exception {
        JoinState s = state.value();
        return s == null ? new Slot(id, null, null, null, null)
                : new Slot(id, s.pending(), s.attached(), s.early(), s.closed());
    }

    private void save(Slot slot) throws Exception {
        if (!slot.changed()) {
            return;
        }
        if (slot.pending == null && slot.attached == null && slot.early == null && slot.closed == null) {
            state.clear();
        } else {
            state.update(new JoinState(slot.pending, slot.attached, slot.early, slot.closed));
        }
    }

    /**
     * What the join keeps per id, in one state entry.
     *
     * @param pending  the impression waiting for its window to close
     * @param attached the label that came inside that window (window-end timing)
     * @param early    a label that came before its impression, waiting {@code lateness} for it
     * @param closed   that the id's window closed, remembered to name the reason of a later label
     */
    public record JoinState(HashedImpression pending, LabelEvent attached, LabelEvent early, ClosedWindow closed) {}

    /** One id's state while a call works on it. */
    private static final class Slot {
        private final String id;
        private final HashedImpression pending0;
        private final LabelEvent attached0;
        private final LabelEvent early0;
        private final ClosedWindow closed0;
        HashedImpression pending;
        LabelEvent attached;
        LabelEvent early;
        ClosedWindow closed;
        long nextDeadline;

        Slot(String id, HashedImpression pending, LabelEvent attached, LabelEvent early, ClosedWindow closed) {
            this.id = id;
            this.pending = pending0 = pending;
            this.attached = attached0 = attached;
            this.early = early0 = early;
            this.closed = closed0 = closed;
        }

        boolean changed() {
            return pending != pending0 || attached != attached0 || early != early0 || closed != closed0;
        }
    }

    private static final String DUPLICATE = "duplicate label: the impression was already labelled";

    private static String late(LabelEvent label, long windowEnd) {
        return "late label: at " + label.time() + ", after the attribution window closed at " + windowEnd
                + " (--attribution-window)";
    }

    private DeadLetter withoutImpression(LabelEvent label) {
        return labelDeadLetter(label, "label without impression: no impression with id '" + label.id()
                + "' was waiting, and none arrived within " + latenessMillis + " ms (--allowed-lateness)");
    }

    private DeadLetter labelDeadLetter(LabelEvent label, String reason) {
        StringBuilder json = new StringBuilder("{\"id\":");
        JsonLines.string(json, label.id());
        json.append(",\"time\":").append(label.time()).append(",\"label\":").append(label.label()).append('}');
        return deadLetter("label", label.seq(), reason, json.toString());
    }

    private DeadLetter deadLetter(String kind, long seq, String reason, String payload) {
        return deadLetterLog.note(DeadLetter.of(kind, sources.name(seq), sources.partition(seq),
                sources.position(seq), reason, payload));
    }

    private void deadLetter(DeadLetter letter) {
        output.collect(DeadLetters.TAG, outputTime == Long.MIN_VALUE ? new StreamRecord<>(letter)
                : new StreamRecord<>(letter, outputTime));
    }
}
