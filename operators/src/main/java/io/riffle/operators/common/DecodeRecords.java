package io.riffle.operators.common;

import io.riffle.connectors.codec.CodecSpec;
import io.riffle.connectors.codec.Decoded;
import io.riffle.connectors.codec.RecordCodec;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.event.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes raw records into events of any family. Every record comes out: as an event, or as a dead letter
 * ({@link DeadLetters#TAG}) with the reason and its source position — unreadable, undecodable, or later than the
 * allowed lateness. The newest event time seen is checkpointed, so lateness decisions after a restore are those of
 * an uninterrupted run. Optionally paces a replay at a speed-up of event time ({@link ReplayPacer}).
 *
 * <p>Dead letters may instead travel in band ({@link InBand}): wrapped as events in the main output, for a family
 * whose dead letters must keep their order with the events around them (a side output reaches its sink by another
 * path, so the two interleave by timing).
 *
 * <p>A <em>source-timed</em> input ({@link #sourceTimed}: Kafka) arrives with event times and watermarks already
 * assigned by its source, per partition: an event's time is then the one the source gave the record
 * ({@code SourceRecord.timestamp}, the event is restamped when they differ), a record is late only when it is at or
 * behind the current watermark, and there is no pacing (the input is live or already recorded in the broker).
 */
public final class DecodeRecords<T> extends ProcessFunction<SourceRecord, T>
        implements CheckpointedFunction, ResultTypeQueryable<T> {
    private final CodecSpec<T> codecSpec;
    private final BoundedLatenessWatermarks.SerializableTime<T> time;
    private final long allowedLatenessMillis;
    private final double speedup;
    private final TypeInformation<T> type;
    private final InBand<T> inBand;
    private final Retime<T> retime;
    private transient RecordCodec<T> codec;
    private transient CheckpointedLateness lateness;
    private transient ReplayPacer pacer;
    private transient DeadLetterLog deadLetterLog;

    public DecodeRecords(CodecSpec<T> codecSpec, BoundedLatenessWatermarks.SerializableTime<T> time,
                         long allowedLatenessMillis, double speedup, TypeInformation<T> type) {
        this(codecSpec, time, allowedLatenessMillis, speedup, type, null);
    }

    /** Sends dead letters in band, wrapped by {@code inBand}, rather than to {@link DeadLetters#TAG}. */
    public DecodeRecords(CodecSpec<T> codecSpec, BoundedLatenessWatermarks.SerializableTime<T> time,
                         long allowedLatenessMillis, double speedup, TypeInformation<T> type, InBand<T> inBand) {
        this(codecSpec, time, allowedLatenessMillis, speedup, type, inBand, null);
    }

    private DecodeRecords(CodecSpec<T> codecSpec, BoundedLatenessWatermarks.SerializableTime<T> time,
                          long allowedLatenessMillis, double speedup, TypeInformation<T> type, InBand<T> inBand,
                          Retime<T> retime) {
        this.inBand = inBand;
        this.codecSpec = codecSpec;
        this.time = time;
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.speedup = speedup;
        this.type = type;
        this.retime = retime;
    }

    /**
     * This decoder for a source-timed input (see the class comment).
     *
     * @param retime the event at the time its source assigned, when that differs from the decoded one (Kafka record
     *               timestamps with {@code --event-time kafka})
     */
    public DecodeRecords<T> sourceTimed(Retime<T> retime) {
        return new DecodeRecords<>(codecSpec, time, allowedLatenessMillis, speedup, type, inBand, retime);
    }

    @Override
    public void open(OpenContext openContext) {
        codec = codecSpec.create();
        pacer = new ReplayPacer(speedup);
        deadLetterLog = new DeadLetterLog("decode");
    }

    @Override
    public void processElement(SourceRecord record, Context ctx, Collector<T> out) throws Exception {
        if (!record.readable()) {
            reject(ctx, out, deadLetter(record, "unknown", record.error()));
            return;
        }
        Decoded<T> decoded = codec.decode(record);
        if (decoded.isFailure()) {
            reject(ctx, out, deadLetter(record, decoded.kind(), decoded.failure()));
            return;
        }
        T event = decoded.value();
        if (event == null) {
            return;
        }
        if (retime != null) {
            emitSourceTimed(record, event, ctx, out, decoded.kind());
            return;
        }
        long t = time.applyAsLong(event);
        if (!lateness.filter().accept(t)) {
            reject(ctx, out, deadLetter(record, decoded.kind(), lateness.filter().lateReason(t)));
            return;
        }
        pacer.pace(t);
        out.collect(event);
    }

    private void emitSourceTimed(SourceRecord record, T event, Context ctx, Collector<T> out, String kind) {
        long t = time.applyAsLong(event);
        if (record.timestamp() != SourceRecord.NO_TIMESTAMP && record.timestamp() != t) {
            t = record.timestamp();
            event = retime.at(event, t);
        }
        long watermark = ctx.timerService().currentWatermark();
        if (t <= watermark) {
            reject(ctx, out, deadLetter(record, kind, LateRecordFilter.behindWatermarkReason(t, watermark,
                    allowedLatenessMillis)));
            return;
        }
        out.collect(event);
    }

    private void reject(Context ctx, Collector<T> out, DeadLetter deadLetter) {
        deadLetterLog.note(deadLetter);
        if (inBand == null) {
            ctx.output(DeadLetters.TAG, deadLetter);
        } else {
            out.collect(inBand.wrap(deadLetter));
        }
    }

    /** The event at another event time. */
    @FunctionalInterface
    public interface Retime<T> extends java.io.Serializable {
        T at(T event, long time);
    }

    /** Wraps a dead letter as an event of the main output. */
    @FunctionalInterface
    public interface InBand<T> extends java.io.Serializable {
        T wrap(DeadLetter deadLetter);
    }

    /** A dead letter for {@code record}, with its source and position. */
    public static DeadLetter deadLetter(SourceRecord record, String kind, String reason) {
        return DeadLetter.of(kind, record.source(), record.partition(), record.position(), reason, record.text());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        lateness.snapshot();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        lateness = new CheckpointedLateness(context, allowedLatenessMillis);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }
}
