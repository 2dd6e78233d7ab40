package io.riffle.connectors.kafka;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.apache.flink.util.function.FunctionWithException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps the split enumerator of a bounded source whose split discovery runs once, and tells each reader that no more
 * splits will come once that discovery has ended, if the wrapped enumerator has not told it already.
 *
 * <p>Why: Flink's {@code KafkaSourceEnumerator} (connector 5.0.0) sends that signal only after a discovery that found
 * partitions it had not assigned. Restored from a checkpoint it finds them all assigned, returns early, and its readers
 * wait for ever once they reach their stopping offsets (FLINK-31006; the connector's open fix, apache/flink-connector-
 * kafka#318, lets that empty discovery through).
 *
 * <p>How: the wrapped enumerator gets a context that watches it. Its one-shot asynchronous calls are its discovery
 * (Kafka's: list the partitions, then, if any are new, look up their offsets); when the last of them has returned
 * without an error, every registered reader not yet signalled is, and a reader that registers later is signalled
 * after the wrapped enumerator has handled its registration (and so assigned it its pending splits). A reader is
 * signalled at most once per registration, by either: a second signal to a reader that has finished fails the job
 * (FLINK-39712). All methods run on the coordinator's thread, as Flink calls them.
 */
public final class NoMoreSplitsEnumerator<SplitT extends SourceSplit, CheckpointT>
        implements SplitEnumerator<SplitT, CheckpointT> {
    private static final Logger LOG = LoggerFactory.getLogger(NoMoreSplitsEnumerator.class);

    private final SplitEnumeratorContext<SplitT> context;
    private final SplitEnumerator<SplitT, CheckpointT> wrapped;
    /** Readers told that no more splits will come since they last registered. */
    private final Set<Integer> signalled = new HashSet<>();
    private int discoveryCallsInFlight;
    private boolean discoveryEnded;

    /**
     * @param context the enumerator context Flink gives
     * @param wrapped makes the enumerator to wrap, given the context it must use
     */
    public NoMoreSplitsEnumerator(
            SplitEnumeratorContext<SplitT> context,
            FunctionWithException<SplitEnumeratorContext<SplitT>, SplitEnumerator<SplitT, CheckpointT>, Exception>
                    wrapped) throws Exception {
        this.context = context;
        this.wrapped = wrapped.apply(new WatchingContext());
    }

    @Override
    public void start() {
        wrapped.start();
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        wrapped.handleSplitRequest(subtaskId, requesterHostname);
    }

    @Override
    public void addSplitsBack(List<SplitT> splits, int subtaskId) {
        wrapped.addSplitsBack(splits, subtaskId);
    }

    @Override
    public void addReader(int subtaskId) {
        signalled.remove(subtaskId);
        wrapped.addReader(subtaskId);
        if (discoveryEnded) {
            signal(subtaskId);
        }
    }

    @Override
    public CheckpointT snapshotState(long checkpointId) throws Exception {
        return wrapped.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        wrapped.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent sourceEvent) {
        wrapped.handleSourceEvent(subtaskId, sourceEvent);
    }

    @Override
    public void close() throws IOException {
        wrapped.close();
    }

    private void onDiscoveryEnded() {
        discoveryEnded = true;
        int told = 0;
        for (int reader : context.registeredReaders().keySet()) {
            told += signal(reader) ? 1 : 0;
        }
        if (told > 0) {
            LOG.info("Split discovery ended without the enumerator telling {} reader(s) that no more splits will"
                    + " come (a bounded Kafka source restored from a checkpoint, FLINK-31006): told them", told);
        }
    }

    /** Signals {@code reader} unless it has been since it registered; true if it was signalled now. */
    private boolean signal(int reader) {
        if (!context.registeredReaders().containsKey(reader) || !signalled.add(reader)) {
            return false;
        }
        context.signalNoMoreSplits(reader);
        return true;
    }

    /** The wrapped enumerator's context: Flink's, noting the signals it sends and when its discovery ends. */
    private final class WatchingContext implements SplitEnumeratorContext<SplitT> {
        @Override
        public void signalNoMoreSplits(int subtask) {
            signalled.add(subtask);
            context.signalNoMoreSplits(subtask);
        }

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
            discoveryCallsInFlight++;
            context.callAsync(callable, (result, error) -> {
                handler.accept(result, error);
                discoveryCallsInFlight--;
                if (error == null && discoveryCallsInFlight == 0 && !discoveryEnded) {
                    onDiscoveryEnded();
                }
            });
        }

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelayMillis,
                                  long periodMillis) {
            context.callAsync(callable, handler, initialDelayMillis, periodMillis);
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            return context.metricGroup();
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
            context.sendEventToSourceReader(subtaskId, event);
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, int attemptNumber, SourceEvent event) {
            context.sendEventToSourceReader(subtaskId, attemptNumber, event);
        }

        @Override
        public int currentParallelism() {
            return context.currentParallelism();
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return context.registeredReaders();
        }

        @Override
        public Map<Integer, Map<Integer, ReaderInfo>> registeredReadersOfAttempts() {
            return context.registeredReadersOfAttempts();
        }

        @Override
        public void assignSplits(SplitsAssignment<SplitT> newSplitAssignments) {
            context.assignSplits(newSplitAssignments);
        }

        @Override
        public void assignSplit(SplitT split, int subtask) {
            context.assignSplit(split, subtask);
        }

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            context.runInCoordinatorThread(runnable);
        }

        @Override
        public void setIsProcessingBacklog(boolean isProcessingBacklog) {
            context.setIsProcessingBacklog(isProcessingBacklog);
        }
    }
}
