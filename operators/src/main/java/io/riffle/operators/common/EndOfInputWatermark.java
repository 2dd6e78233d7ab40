package io.riffle.operators.common;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Lets event time end where the data end when several inputs are merged: at the end of input (the final
 * {@code MAX} watermark) it first emits the watermark a single time-ordered input would have reached, the newest event
 * time seen minus the allowed lateness, and only then {@code MAX}.
 *
 * <p>Why: the merged watermark is the least of the inputs'. When one input (a Kafka topic of labels, later in event
 * time than the impressions) finishes before another, Flink drops it from that minimum, and the other input's end
 * then releases everything at once with {@code MAX}: timers that the later data should have fired in event time (a
 * closed attribution window becoming a negative example) would instead see the end of input. One file of both kinds
 * has no such step, and this restores its behaviour. Passes records and other watermarks through unchanged; the
 * newest time seen is checkpointed, so a restored job ends the same way.
 */
public final class EndOfInputWatermark<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {
    private final long allowedLatenessMillis;
    private final BoundedLatenessWatermarks.SerializableTime<T> time;
    private transient long maxSeen;
    private transient long lastWatermark;
    private transient ListState<Long> maxSeenState;

    public EndOfInputWatermark(long allowedLatenessMillis, BoundedLatenessWatermarks.SerializableTime<T> time) {
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.time = time;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        maxSeenState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("max-event-time", Types.LONG));
        maxSeen = Long.MIN_VALUE;
        lastWatermark = Long.MIN_VALUE;
        for (Long seen : maxSeenState.get()) {
            maxSeen = Math.max(maxSeen, seen);
        }
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        maxSeen = Math.max(maxSeen, time.applyAsLong(element.getValue()));
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE && maxSeen != Long.MIN_VALUE) {
            long last = maxSeen - allowedLatenessMillis - 1;
            if (last > lastWatermark) {
                super.processWatermark(new Watermark(last));
            }
        }
        lastWatermark = Math.max(lastWatermark, mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        maxSeenState.update(java.util.List.of(maxSeen));
    }
}
