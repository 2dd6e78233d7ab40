package io.riffle.operators.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class EndOfInputWatermarkTest {
    private static OneInputStreamOperatorTestHarness<Long, Long> open(OperatorSubtaskState state) throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new EndOfInputWatermark<Long>(100, t -> t));
        h.setup();
        if (state != null) {
            h.initializeState(state);
        }
        h.open();
        return h;
    }

    private static List<Long> watermarks(OneInputStreamOperatorTestHarness<Long, Long> h) {
        List<Long> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof Watermark w) {
                out.add(w.getTimestamp());
            }
        }
        return out;
    }

    @Test
    void beforeTheFinalWatermarkEventTimeReachesTheNewestTimeSeenMinusTheLateness() throws Exception {
        try (var h = open(null)) {
            h.processElement(new StreamRecord<>(5_000L, 5_000L));
            h.processElement(new StreamRecord<>(9_000L, 9_000L));
            h.processWatermark(new Watermark(4_000));
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(h.extractOutputValues()).containsExactly(5_000L, 9_000L);
            assertThat(watermarks(h)).containsExactly(4_000L, 8_899L, Long.MAX_VALUE);
        }
    }

    @Test
    void addsNothingWhenTheWatermarkIsAlreadyThereOrNothingWasSeen() throws Exception {
        try (var h = open(null)) {
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(watermarks(h)).containsExactly(Long.MAX_VALUE);
        }
        try (var h = open(null)) {
            h.processElement(new StreamRecord<>(1_000L, 1_000L));
            h.processWatermark(new Watermark(2_000));
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(watermarks(h)).containsExactly(2_000L, Long.MAX_VALUE);
        }
    }

    @Test
    void aRestoredOperatorEndsWhereAnUninterruptedOneDoes() throws Exception {
        OperatorSubtaskState state;
        try (var h = open(null)) {
            h.processElement(new StreamRecord<>(9_000L, 9_000L));
            state = h.snapshot(1, 1);
        }
        try (var h = open(state)) {
            h.processElement(new StreamRecord<>(7_000L, 7_000L));
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(watermarks(h)).containsExactly(8_899L, Long.MAX_VALUE);
        }
    }
}
