package io.riffle.operators.common;

import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;

/**
 * A decoder's {@link LateRecordFilter} with the newest event time it has seen kept in operator state
 * ({@code max-event-time}), so that its lateness decisions after a restore are those of an uninterrupted run. After
 * a rescale each instance takes the newest time any instance had seen.
 */
public final class CheckpointedLateness {
    private final ListState<Long> maxSeenState;
    private final LateRecordFilter filter;

    /** Registers the state and restores the filter from it (a fresh filter on a fresh start). */
    public CheckpointedLateness(FunctionInitializationContext context, long allowedLatenessMillis) throws Exception {
        maxSeenState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("max-event-time", Types.LONG));
        filter = new LateRecordFilter(allowedLatenessMillis);
        long max = Long.MIN_VALUE;
        for (Long seen : maxSeenState.get()) {
            max = Math.max(max, seen);
        }
        filter.restore(max);
    }

    public LateRecordFilter filter() {
        return filter;
    }

    /** Writes the newest event time seen to the state, for a checkpoint. */
    public void snapshot() throws Exception {
        maxSeenState.update(List.of(filter.maxSeen()));
    }
}
