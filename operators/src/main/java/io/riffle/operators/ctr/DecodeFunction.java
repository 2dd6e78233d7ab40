package io.riffle.operators.ctr;

import io.riffle.connectors.codec.CtrCodec;
import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrDecoded;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.event.CtrEvent;
import io.riffle.models.event.Impression;
import io.riffle.models.event.LabelEvent;
import io.riffle.operators.common.CheckpointedLateness;
import io.riffle.operators.common.DeadLetterLog;
import io.riffle.operators.common.DeadLetters;
import io.riffle.operators.common.DecodeRecords;
import io.riffle.operators.common.LateRecordFilter;
import io.riffle.operators.common.ReplayPacer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes raw records into impressions and label events. Every record comes out: as an event, or as a dead letter
 * with the reason and its source position (unreadable, undecodable, or later than the allowed lateness). The newest
 * event time seen is checkpointed, so the lateness decisions after a restore are the ones an uninterrupted run makes.
 *
 * <p>A <em>source-timed</em> input (Kafka) arrives with event time and watermarks already assigned by its source, per
 * partition: an event's time is then the one the source gave the record ({@code SourceRecord.timestamp}), and a
 * record is late only when it is behind the current watermark. The newest time seen is not used for it, since another
 * partition may be far ahead of a lagging one without either being late.
 *
 * <p>This is {@link DecodeRecords} for the CTR codec, which decodes a record into an impression or a label event
 * ({@code CtrDecoded}) without a {@code Decoded} wrapper per record on the CTR job's busiest thread; the two share
 * their checkpointed lateness ({@link CheckpointedLateness}) and dead letters ({@link DecodeRecords#deadLetter}).
 */
public final class DecodeFunction extends ProcessFunction<SourceRecord, CtrEvent> implements CheckpointedFunction {
    private final CtrCodecSpec codecSpec;
    private final long allowedLatenessMillis;
    private final double speedup;
    private final boolean sourceTimed;
    private transient CtrCodec codec;
    private transient CheckpointedLateness lateness;
    private transient ReplayPacer pacer;
    private transient DeadLetterLog deadLetterLog;

    public DecodeFunction(CtrCodecSpec codecSpec, long allowedLatenessMillis, double speedup) {
        this(codecSpec, allowedLatenessMillis, speedup, false);
    }

    /** @param sourceTimed the source assigned event times and per-partition watermarks (see the class comment) */
    public DecodeFunction(CtrCodecSpec codecSpec, long allowedLatenessMillis, double speedup, boolean sourceTimed) {
        this.codecSpec = codecSpec;
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.speedup = speedup;
        this.sourceTimed = sourceTimed;
    }

    @Override
    public void open(OpenContext openContext) {
        codec = codecSpec.create();
        pacer = new ReplayPacer(speedup);
        deadLetterLog = new DeadLetterLog("decode");
    }

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<CtrEvent> out) throws Exception {
        if (!record.readable()) {
            reject(ctx, record, "unknown", record.error());
            return;
        }
        CtrDecoded decoded = codec.decode(record);
        if (decoded.isFailure()) {
            reject(ctx, record, decoded.kind(), decoded.failure());
            return;
        }
        CtrEvent event;
        if (decoded.impression() != null) {
            event = CtrEvent.of(decoded.impression());
        } else if (decoded.label() != null) {
            event = CtrEvent.of(decoded.label());
        } else {
            return;
        }
        if (sourceTimed) {
            event = withTime(event, record.timestamp());
            long watermark = ctx.timerService().currentWatermark();
            if (event.time() <= watermark) {
                reject(ctx, record, decoded.kind(),
                        LateRecordFilter.behindWatermarkReason(event.time(), watermark, allowedLatenessMillis));
                return;
            }
            out.collect(event);
            return;
        }
        if (!lateness.filter().accept(event.time())) {
            reject(ctx, record, decoded.kind(), lateness.filter().lateReason(event.time()));
            return;
        }
        pacer.pace(event.time());
        out.collect(event);
    }

    private void reject(Context ctx, SourceRecord record, String kind, String reason) {
        ctx.output(DeadLetters.TAG, deadLetterLog.note(DecodeRecords.deadLetter(record, kind, reason)));
    }

    /** The event at the time its source assigned, when it has one. */
    private static CtrEvent withTime(CtrEvent event, long time) {
        if (time == SourceRecord.NO_TIMESTAMP || time == event.time()) {
            return event;
        }
        if (event.impression() != null) {
            Impression i = event.impression();
            return CtrEvent.of(new Impression(i.id(), time, i.seq(), i.fields(), i.values(), i.numericFields(),
                    i.numeric(), i.label()));
        }
        LabelEvent l = event.label();
        return CtrEvent.of(new LabelEvent(l.id(), time, l.seq(), l.label()));
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        lateness.snapshot();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        lateness = new CheckpointedLateness(context, allowedLatenessMillis);
    }
}
