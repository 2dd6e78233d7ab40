package io.riffle.operators.onnx;

import io.riffle.models.event.Prediction;
import io.riffle.models.scoring.ScorerSpec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Batching inference without a model stream: {@code riffle score} with a fixed (or watched) model file. Same batching,
 * order, checkpoint and resource rules as {@link BatchScoringOperator} ({@link BatchScoringCore}).
 */
public final class SingleInputBatchScoringOperator<E, U> extends BatchScoringCore<E, U>
        implements OneInputStreamOperator<E, Prediction>, BoundedOneInput {

    public SingleInputBatchScoringOperator(ScorerSpec<E, U> spec, BatchSettings settings, TypeInformation<E> eventType,
                                           TypeInformation<U> updateType) {
        super(spec, settings, eventType, updateType);
    }

    @Override
    boolean singleInput() {
        return true;
    }

    @Override
    public void processElement(StreamRecord<E> element) throws Exception {
        onEvent(element.getValue());
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        onEventWatermark(mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    public void endInput() throws Exception {
        eventsEnded();
    }
}
