package io.riffle.operators.ctr;

import io.riffle.connectors.sink.JsonLines;
import io.riffle.models.event.DeadLetter;
import io.riffle.models.event.Example;
import io.riffle.models.event.LabelSource;
import io.riffle.models.event.HashedImpression;
import io.riffle.models.event.LabelEvent;
import io.riffle.operators.common.DeadLetterLog;
import io.riffle.operators.common.DeadLetters;
import io.riffle.operators.common.SourceNames;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

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
 * <p>State per id, one entry ({@link JoinState}), is cleared by timers: nothing outlives
 * {@code t + 2 window + lateness}.
 */
public final class LabelJoinFunction extends KeyedCoProcessFunction<String, HashedImpression, LabelEvent, Example>
        implements CheckpointedFunction {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LabelJoinFunction.class);

    private final long windowMillis;
    private final long latenessMillis;
    private final long rememberMillis;
    private final SourceNames sources;
    private final LabelTiming timing;
    private transient ValueState<JoinState> state;
    private transient long openAtEnd;
    private transient DeadLetterLog deadLetterLog;
    private transient long newestTime;
    private transient ListState<Long> newestTimeState;

    public LabelJoinFunction(long windowMillis, long latenessMillis, SourceNames sources) {
        this(windowMillis, latenessMillis, sources, LabelTiming.WINDOW_END);
    }

    public LabelJoinFunction(long windowMillis, long latenessMillis, SourceNames sources, LabelTiming timing) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("--attribution-window must be > 0, got " + windowMillis + " ms");
        }
        this.windowMillis = windowMillis;
        this.latenessMillis = latenessMillis;
        this.rememberMillis = Math.max(latenessMillis, windowMillis);
        this.sources = sources;
        this.timing = timing;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("join-state",
                TypeInformation.of(JoinState.class)));
        deadLetterLog = new DeadLetterLog("label join");
    }

    /*
     * Impressions and labels reach this operator on two inputs whose interleaving is not deterministic, and timers fire
     * on the slower input's watermark. Every decision below is therefore made from event times alone: state that a
     * timer would already have cleared, had the watermark been further on, is treated as cleared. So a replay, or a
     * recovery, makes the same examples and the same dead letters, whatever the arrival order.
     *
     * Each call reads the id's state once into a Slot and writes it back once if it changed: one state access each
     * way per call, which with RocksDB is most of this operator's cost.
     */

    @Override
    public void processElement1(HashedImpression impression, Context ctx, Collector<Example> out) throws Exception {
        newestTime = Math.max(newestTime, impression.time());
        Slot slot = load();
        HashedImpression waiting = slot.pending;
        if (waiting != null) {
            long waitingEnd = waiting.time() + windowMillis;
            if (impression.time() <= waitingEnd) {
                ctx.output(DeadLetters.TAG, deadLetter("impression", impression.seq(), "duplicate impression id '"
                        + impression.id() + "': an impression with this id (time " + waiting.time()
                        + ") is still waiting for its label", impression.id()));
                return;
            }
            // Its window has closed in event time: the example its timer would make.
            ctx.timerService().deleteEventTimeTimer(waitingEnd);
            finish(slot, ctx, out);
        }
        clearClosed(slot, ctx);
        LabelEvent label = slot.early;
        if (label != null) {
            slot.early = null;
            ctx.timerService().deleteEventTimeTimer(label.time() + latenessMillis);
            if (label.time() + latenessMillis < impression.time()) {
                ctx.output(DeadLetters.TAG, withoutImpression(label));
            } else if (label.time() > impression.time() + windowMillis) {
                ctx.output(DeadLetters.TAG, labelDeadLetter(label, late(label, impression.time() + windowMillis)));
            } else if (timing == LabelTiming.LABEL_TIME) {
                out.collect(Example.of(impression, Math.max(label.time(), impression.time()), label.label(),
                        LabelSource.EVENT));
                close(slot, ctx, impression.time() + windowMillis, true);
                save(slot);
                return;
            } else {
                slot.attached = label;
            }
        }
        slot.pending = impression;
        ctx.timerService().registerEventTimeTimer(impression.time() + windowMillis);
        save(slot);
    }

    @Override
    public void processElement2(LabelEvent label, Context ctx, Collector<Example> out) throws Exception {
        newestTime = Math.max(newestTime, label.time());
        Slot slot = load();
        try {
            join(label, slot, ctx, out);
        } finally {
            save(slot);
        }
    }

    private void join(LabelEvent label, Slot slot, Context ctx, Collector<Example> out) throws Exception {
        HashedImpression impression = slot.pending;
        if (impression != null && label.time() > impression.time() + windowMillis + rememberMillis) {
            // Long past its window: what its timer would have done by now.
            ctx.timerService().deleteEventTimeTimer(impression.time() + windowMillis);
            finish(slot, ctx, out);
            impression = null;
        }
        if (impression != null) {
            long windowEnd = impression.time() + windowMillis;
            if (label.time() > windowEnd) {
                ctx.output(DeadLetters.TAG, labelDeadLetter(label, late(label, windowEnd)));
                return;
            }
            if (timing == LabelTiming.WINDOW_END) {
                if (slot.attached != null) {
                    ctx.output(DeadLetters.TAG, labelDeadLetter(label, DUPLICATE));
                } else {
                    slot.attached = label;
                }
                return;
            }
            out.collect(Example.of(impression, Math.max(label.time(), impression.time()), label.label(),
                    LabelSource.EVENT));
            slot.pending = null;
            ctx.timerService().deleteEventTimeTimer(windowEnd);
            close(slot, ctx, windowEnd, true);
            return;
        }
        ClosedWindow window = slot.closed;
        if (window != null && label.time() <= window.end() + rememberMillis) {
            ctx.output(DeadLetters.TAG, labelDeadLetter(label, window.labelled() ? DUPLICATE
                    : late(label, window.end())));
            return;
        }
        LabelEvent waiting = slot.early;
        if (waiting != null) {
            if (label.time() <= waiting.time() + latenessMillis) {
                ctx.output(DeadLetters.TAG, labelDeadLetter(label, "duplicate label: another label for this id is"
                        + " already waiting for its impression"));
                return;
            }
            ctx.timerService().deleteEventTimeTimer(waiting.time() + latenessMillis);
            ctx.output(DeadLetters.TAG, withoutImpression(waiting));
        }
        slot.early = label;
        ctx.timerService().registerEventTimeTimer(label.time() + latenessMillis);
    }

    /**
     * The example an impression makes when its window closes: with the label that came within it, or a negative.
     */
    private void finish(Slot slot, Context ctx, Collector<Example> out) {
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
        close(slot, ctx, windowEnd, label != null);
    }

    /**
     * Remembers for one more window (or the lateness, if longer) that this id's window closed, to name the reason of a
     * label that comes after: "late" or "duplicate" rather than "without impression".
     */
    private void close(Slot slot, Context ctx, long windowEnd, boolean labelled) {
        clearClosed(slot, ctx);
        slot.closed = new ClosedWindow(windowEnd, labelled);
        ctx.timerService().registerEventTimeTimer(windowEnd + rememberMillis);
    }

    private void clearClosed(Slot slot, Context ctx) {
        ClosedWindow window = slot.closed;
        if (window != null) {
            ctx.timerService().deleteEventTimeTimer(window.end() + rememberMillis);
            slot.closed = null;
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Example> out) throws Exception {
        Slot slot = load();
        HashedImpression impression = slot.pending;
        if (impression != null && timestamp == impression.time() + windowMillis) {
            if (ctx.timerService().currentWatermark() == Long.MAX_VALUE && timestamp > newestTime
                    && slot.attached == null) {
                slot.pending = null;
                if (openAtEnd++ == 0) {
                    LOG.info("Input ended while impressions still waited for labels: they were scored but not"
                            + " learned from (their attribution window had not closed)");
                }
            } else {
                finish(slot, ctx, out);
            }
        } else if (slot.early != null && timestamp == slot.early.time() + latenessMillis) {
            ctx.output(DeadLetters.TAG, withoutImpression(slot.early));
            slot.early = null;
        } else if (slot.closed != null && timestamp == slot.closed.end() + rememberMillis) {
            slot.closed = null;
        }
        save(slot);
    }

    private Slot load() throws Exception {
        JoinState s = state.value();
        return s == null ? new Slot(null, null, null, null)
                : new Slot(s.pending(), s.attached(), s.early(), s.closed());
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
        private final HashedImpression pending0;
        private final LabelEvent attached0;
        private final LabelEvent early0;
        private final ClosedWindow closed0;
        HashedImpression pending;
        LabelEvent attached;
        LabelEvent early;
        ClosedWindow closed;

        Slot(HashedImpression pending, LabelEvent attached, LabelEvent early, ClosedWindow closed) {
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

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        newestTimeState.update(List.of(newestTime));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        newestTimeState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("newest-event-time", Types.LONG));
        newestTime = Long.MIN_VALUE;
        for (Long t : newestTimeState.get()) {
            newestTime = Math.max(newestTime, t);
        }
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
}
