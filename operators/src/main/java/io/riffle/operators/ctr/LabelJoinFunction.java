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
 * Chapelle 2014): a label at most {@code window} after its impression makes an example with that label, available
 * at the label's time; no label by {@code t + window} makes a negative available at {@code t + window}.
 *
 * <p>Labels may also arrive before their impression (out of order within the allowed lateness); they wait
 * {@code lateness} for it. Dead-lettered with a reason: a label after the window closed, a second label, a label whose
 * impression never came, a second impression with a pending id. At the end of a bounded input, impressions whose
 * window is still open are not turned into negatives (the data cannot say whether a click would have come); they were
 * scored, and are counted in the logs. "Still open" is judged against the newest event time this operator has seen
 * (checkpointed), not against the final watermark, which jumps to +∞ when the last input ends: with two inputs that
 * end at different event times, windows that closed before the later one ended still make their negatives.
 *
 * <p>State per id is cleared by timers: nothing outlives {@code t + window + lateness}.
 */
public final class LabelJoinFunction extends KeyedCoProcessFunction<String, HashedImpression, LabelEvent, Example>
        implements CheckpointedFunction {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LabelJoinFunction.class);

    private final long windowMillis;
    private final long latenessMillis;
    private final SourceNames sources;
    private transient ValueState<HashedImpression> pending;
    private transient ValueState<LabelEvent> earlyLabel;
    private transient ValueState<Long> closedAt;
    private transient long openAtEnd;
    private transient DeadLetterLog deadLetterLog;
    private transient long newestTime;
    private transient ListState<Long> newestTimeState;

    public LabelJoinFunction(long windowMillis, long latenessMillis, SourceNames sources) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("--attribution-window must be > 0, got " + windowMillis + " ms");
        }
        this.windowMillis = windowMillis;
        this.latenessMillis = latenessMillis;
        this.sources = sources;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-impression",
                TypeInformation.of(HashedImpression.class)));
        earlyLabel = getRuntimeContext().getState(new ValueStateDescriptor<>("early-label",
                TypeInformation.of(LabelEvent.class)));
        closedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("window-closed-at", Types.LONG));
        deadLetterLog = new DeadLetterLog("label join");
    }

    @Override
    public void processElement1(HashedImpression impression, Context ctx, Collector<Example> out) throws Exception {
        newestTime = Math.max(newestTime, impression.time());
        HashedImpression waiting = pending.value();
        if (waiting != null) {
            ctx.output(DeadLetters.TAG, deadLetter("impression", impression.seq(), "duplicate impression id '"
                    + impression.id() + "': an impression with this id (time " + waiting.time()
                    + ") is still waiting for its label", impression.id()));
            return;
        }
        closedAt.clear();
        LabelEvent label = earlyLabel.value();
        if (label != null) {
            earlyLabel.clear();
            ctx.timerService().deleteEventTimeTimer(label.time() + latenessMillis);
            if (label.time() <= impression.time() + windowMillis) {
                out.collect(Example.of(impression, Math.max(label.time(), impression.time()), label.label(), LabelSource.EVENT));
                close(ctx, impression.time() + windowMillis);
                return;
            }
            ctx.output(DeadLetters.TAG, labelDeadLetter(label, "label at " + label.time()
                    + " is after its impression's attribution window, which closed at "
                    + (impression.time() + windowMillis)));
        }
        pending.update(impression);
        ctx.timerService().registerEventTimeTimer(impression.time() + windowMillis);
    }

    @Override
    public void processElement2(LabelEvent label, Context ctx, Collector<Example> out) throws Exception {
        newestTime = Math.max(newestTime, label.time());
        HashedImpression impression = pending.value();
        if (impression != null) {
            long windowEnd = impression.time() + windowMillis;
            if (label.time() > windowEnd) {
                ctx.output(DeadLetters.TAG, labelDeadLetter(label, "late label: at " + label.time()
                        + ", after the attribution window closed at " + windowEnd + " (--attribution-window)"));
                return;
            }
            out.collect(Example.of(impression, Math.max(label.time(), impression.time()), label.label(), LabelSource.EVENT));
            pending.clear();
            ctx.timerService().deleteEventTimeTimer(windowEnd);
            close(ctx, windowEnd);
            return;
        }
        Long closed = closedAt.value();
        if (closed != null) {
            ctx.output(DeadLetters.TAG, labelDeadLetter(label, "label for an impression that was already labelled"
                    + " or whose attribution window closed at " + closed));
            return;
        }
        if (earlyLabel.value() != null) {
            ctx.output(DeadLetters.TAG, labelDeadLetter(label, "duplicate label: another label for this id is"
                    + " already waiting for its impression"));
            return;
        }
        earlyLabel.update(label);
        ctx.timerService().registerEventTimeTimer(label.time() + latenessMillis);
    }

    /** Remembers for {@code lateness} that this id's window closed, to name the reason of a label that comes after. */
    private void close(Context ctx, long windowEnd) throws Exception {
        closedAt.update(windowEnd);
        ctx.timerService().registerEventTimeTimer(windowEnd + latenessMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Example> out) throws Exception {
        HashedImpression impression = pending.value();
        if (impression != null && timestamp == impression.time() + windowMillis) {
            pending.clear();
            if (ctx.timerService().currentWatermark() == Long.MAX_VALUE && timestamp > newestTime) {
                if (openAtEnd++ == 0) {
                    LOG.info("Input ended while impressions still waited for labels: they were scored but not"
                            + " learned from (their attribution window had not closed)");
                }
                return;
            }
            out.collect(Example.of(impression, timestamp, 0, LabelSource.WINDOW_EXPIRED));
            closedAt.update(timestamp);
            ctx.timerService().registerEventTimeTimer(timestamp + latenessMillis);
            return;
        }
        LabelEvent label = earlyLabel.value();
        if (label != null && timestamp == label.time() + latenessMillis) {
            earlyLabel.clear();
            ctx.output(DeadLetters.TAG, labelDeadLetter(label, "label without impression: no impression with id '"
                    + label.id() + "' arrived within " + latenessMillis + " ms (--allowed-lateness)"));
            return;
        }
        Long closed = closedAt.value();
        if (closed != null && timestamp == closed + latenessMillis) {
            closedAt.clear();
        }
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
        return deadLetterLog.note(DeadLetter.of(kind, sources.name(seq), -1, sources.position(seq), reason, payload));
    }
}
