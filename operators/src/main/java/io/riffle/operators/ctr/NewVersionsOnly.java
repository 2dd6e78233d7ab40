package io.riffle.operators.ctr;

import io.riffle.models.ctr.LinearModelUpdate;
import java.util.List;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * Passes each model version once: the full model a trainer re-publishes after a restore repeats a version already
 * recorded, and the version log must read the same as an uninterrupted run's.
 */
public final class NewVersionsOnly implements FilterFunction<LinearModelUpdate>, CheckpointedFunction {
    private transient long newest;
    private transient ListState<Long> newestState;

    @Override
    public boolean filter(LinearModelUpdate update) {
        if (update.version() <= newest) {
            return false;
        }
        newest = update.version();
        return true;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        newestState.update(List.of(newest));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        newestState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("newest-version", Types.LONG));
        newest = -1;
        for (Long v : newestState.get()) {
            newest = Math.max(newest, v);
        }
    }
}
