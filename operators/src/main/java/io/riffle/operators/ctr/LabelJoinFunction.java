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
 * <p>State per id is cleared by timers: nothing outlives {@code t + 2 window + lateness}.
 */
public final class LabelJoinFunction extends KeyedCoProcessFunction<String, HashedImpression, LabelEvent, Example>
        implements CheckpointedFunction {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LabelJoinFunction.class);

    private final long windowMillis;
    private final long latenessMillis;
    private final long rememberMillis;
    private final SourceNames sources;
    private final LabelTiming timing;
    private transient ValueState<HashedImpression> pending;
    private transient ValueState<LabelEvent> attached;
    private transient ValueState<LabelEvent> earlyLabel;
    private transient ValueState<ClosedWindow> closed;
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
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-impression",
                TypeInformation.of(HashedImpression.class)));
        earlyLabel = getRuntimeContext().getState(new ValueStateDescriptor<>("early-label",
                TypeInformation.of(LabelEvent.class)));
        attached = getRuntimeContext().getState(new ValueStateDescriptor<>("attached-label",
                TypeInformation.of(LabelEvent.class)));
        closed = getRuntimeContext().getState(new ValueStateDescriptor<>("closed-window",
                TypeInformation.of(ClosedWindow.class)));
        deadLetterLog = new DeadLetterLog("label join");
    }

    /*
     * Impressions and labels reach this operator on two inputs whose interleaving is not deterministic, and timers fire
     * on the slower input's watermark. Every decision below is therefore made from event times alone: state that a
     * timer would already have cleared, had the watermark been further on, is treated as cleared. So a replay, or a
     * recovery, makes the same examples and the same dead letters, whatever the arrival order.
     */

    @Override
    public void processElement1(HashedImpression impression, Context ctx, Collector<Example> out) throws Exception {
        newestTime = Math.max(newestTime, impression.time());
        HashedImpression waiting = pending.value();
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
            finish(waiting, ctx, out);
        }
        clearClosed(ctx);
        LabelEvent label = earlyLabel.value();
        if (label != null) {
            earlyLabel.clear();
            ctx.timerService().deleteEventTimeTimer(label.time() + latenessMillis);
            if (label.time() + latenessMillis < impression.time()) {
                ctx.output(DeadLetters.TAG, withoutImpression(label));
            } else if (label.time() > impression.time() + windowMillis) {
                ctx.output(DeadLetters.TAG, labelDeadLetter(label, late(label, impression.time() + windowMillis)));
            } else if (timing == LabelTiming.LABEL_TIME) {
                out.collect(Example.of(impression, Math.max(label.time(), impression.time()), label.label(),
                        LabelSource.EVENT));
                close(ctx, impression.time() + windowMillis, true);
                return;
            } else {
                attached.update(label);
            }
        }
        pending.update(impression);
        ctx.timerService().registerEventTimeTimer(impression.time() + windowMillis);
    }

    @Override
    public void processElement2(LabelEvent label, Context ctx, Collector<Example> out) throws Exception {
        newestTime = Math.max(newestTime, label.time());
        HashedImpression impression = pending.value();
        if (impression != null && label.time() > impression.time() + windowMillis + rememberMillis) {
            // Long past its window: what its timer would have done by now.
            ctx.timerService().deleteEventTimeTimer(impression.time() + windowMillis);
            finish(impression, ctx, out);
            impression = null;
        }
        if (impression != null) {
            long windowEnd = impression.time() + windowMillis;
            if (label.time() > windowEnd) {
                ctx.output(DeadLetters.TAG, labelDeadLetter(label, late(label, windowEnd)));
                return;
            }
            if (timing == LabelTiming.WINDOW_END) {
                if (attached.value() != null) {
                    ctx.output(DeadLetters.TAG, labelDeadLetter(label, DUPLICATE));
                } else {
                    attached.update(label);
                }
                return;
            }
            out.collect(Example.of(impression, Math.max(label.time(), impression.time()), label.label(),
                    LabelSource.EVENT));
            pending.clear();
            ctx.timerService().deleteEventTimeTimer(windowEnd);
            close(ctx, windowEnd, true);
            return;
        }
        ClosedWindow window = closed.value();
        if (window != null && label.time() <= window.end() + rememberMillis) {
            ctx.output(DeadLetters.TAG, labelDeadLetter(label, window.labelled() ? DUPLICATE
                    : late(label, window.end())));
            return;
        }
        LabelEvent waiting = earlyLabel.value();
        if (waiting != null) {
            if (label.time() <= waiting.time() + latenessMillis) {
                ctx.output(DeadLetters.TAG, labelDeadLetter(label, "duplicate label: another label for this id is"
                        + " already waiting for its impression"));
                return;
            }
            ctx.timerService().deleteEventTimeTimer(waiting.time() + latenessMillis);
            ctx.output(DeadLetters.TAG, withoutImpression(waiting));
        }
        earlyLabel.update(label);
        ctx.timerService().registerEventTimeTimer(label.time() + latenessMillis);
    }

    /**
     * The example an impression makes when its window closes: with the label that came within it, or a negative.
     */
    private void finish(HashedImpression impression, Context ctx, Collector<Example> out) throws Exception {
        long windowEnd = impression.time() + windowMillis;
        LabelEvent label = attached.value();
        pending.clear();
        if (label != null) {
            attached.clear();
            out.collect(Example.of(impression, windowEnd, label.label(), LabelSource.EVENT));
        } else {
            out.collect(Example.of(impression, windowEnd, 0, LabelSource.WINDOW_EXPIRED));
        }
        close(ctx, windowEnd, label != null);
    }

    /**
     * Remembers for one more window (or the lateness, if longer) that this id's window closed, to name the reason of a
     * label that comes after: "late" or "duplicate" rather than "without impression".
     */
    private void close(Context ctx, long windowEnd, boolean labelled) throws Exception {
        clearClosed(ctx);
        closed.update(new ClosedWindow(windowEnd, labelled));
        ctx.timerService().registerEventTimeTimer(windowEnd + rememberMillis);
    }

    private void clearClosed(Context ctx) throws Exception {
        ClosedWindow window = closed.value();
        if (window != null) {
            ctx.timerService().deleteEventTimeTimer(window.end() + rememberMillis);
            closed.clear();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Example> out) throws Exception {
        HashedImpression impression = pending.value();
        if (impression != null && timestamp == impression.time() + windowMillis) {
            if (ctx.timerService().currentWatermark() == Long.MAX_VALUE && timestamp > newestTime
                    && attached.value() == null) {
                pending.clear();
                if (openAtEnd++ == 0) {
                    LOG.info("Input ended while impressions still waited for labels: they were scored but not"
                            + " learned from (their attribution window had not closed)");
                }
                return;
            }
            finish(impression, ctx, out);
            return;
        }
        LabelEvent label = earlyLabel.value();
        if (label != null && timestamp == label.time() + latenessMillis) {
            earlyLabel.clear();
            ctx.output(DeadLetters.TAG, withoutImpression(label));
            return;
        }
        ClosedWindow window = closed.value();
        if (window != null && timestamp == window.end() + rememberMillis) {
            closed.clear();
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
