package io.riffle.operators.onnx;

import io.riffle.models.event.Prediction;
import io.riffle.models.scoring.ScorerSpec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Batching inference: events (input 1) are scored in micro-batches by a {@link io.riffle.models.scoring.BatchScorer}
 * (an ONNX Runtime session, one per slot), and model versions (input 2, a copy per scorer: the trainer's model stream
 * or a model topic) swap in without dropping events in flight. See {@link BatchScoringCore} for batching, order,
 * versions, watermarks and checkpoints.
 */
public final class BatchScoringOperator<E, U> extends BatchScoringCore<E, U>
        implements TwoInputStreamOperator<E, U, Prediction>, BoundedMultiInput {

    public BatchScoringOperator(ScorerSpec<E, U> spec, BatchSettings settings, TypeInformation<E> eventType,
                                TypeInformation<U> updateType) {
        super(spec, settings, eventType, updateType);
    }

    @Override
    boolean singleInput() {
        return false;
    }

    @Override
    public void processElement1(StreamRecord<E> element) throws Exception {
        onEvent(element.getValue());
    }

    @Override
    public void processElement2(StreamRecord<U> element) throws Exception {
        onUpdate(element.getValue());
    }

    @Override
    public void processWatermark1(Watermark mark) throws Exception {
        onEventWatermark(mark.getTimestamp());
        super.processWatermark1(mark);
    }

    @Override
    public void processWatermark2(Watermark mark) throws Exception {
        onModelWatermark(mark.getTimestamp());
        super.processWatermark2(mark);
    }

    @Override
    public void endInput(int inputId) throws Exception {
        if (inputId == 1) {
            eventsEnded();
        }
    }
}
