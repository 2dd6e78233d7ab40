package io.riffle.tests;

import io.riffle.connectors.source.SourceRecord;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * The failure the recovery tests inject: passes records through and, once armed, throws once, after at least one
 * checkpoint completed and past a given input line. Its switches are static, since the MiniCluster runs the job in
 * the test's JVM, which runs one test at a time; {@link #reset} them before each test.
 */
public final class FailOnceAfterACheckpoint implements MapFunction<SourceRecord, SourceRecord>, CheckpointListener {
    private static final AtomicBoolean ARMED = new AtomicBoolean();
    private static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
    private static final AtomicInteger FAILURES = new AtomicInteger();

    private final long afterLine;

    /** Fails at the first record past line {@code afterLine} once armed and checkpointed. */
    public FailOnceAfterACheckpoint(long afterLine) {
        this.afterLine = afterLine;
    }

    /** Disarmed, no checkpoint seen, no failure. */
    public static void reset() {
        ARMED.set(false);
        CHECKPOINTED.set(false);
        FAILURES.set(0);
    }

    /** The next job that passes the line after a checkpoint fails. */
    public static void arm() {
        ARMED.set(true);
    }

    /** As {@link #arm}, counting only checkpoints completed from now on. */
    public static void armAfterTheNextCheckpoint() {
        CHECKPOINTED.set(false);
        ARMED.set(true);
    }

    /** How many failures were injected since {@link #reset}. */
    public static int failures() {
        return FAILURES.get();
    }

    @Override
    public SourceRecord map(SourceRecord record) {
        if (ARMED.get() && CHECKPOINTED.get() && record.position() > afterLine && ARMED.compareAndSet(true, false)) {
            FAILURES.incrementAndGet();
            throw new IllegalStateException("injected failure at line " + record.position());
        }
        return record;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        CHECKPOINTED.set(true);
    }
}
