package io.riffle.operators.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.riffle.models.ctr.LinearModelUpdate;
import io.riffle.models.ctr.LinearScorer;
import io.riffle.models.event.HashedImpression;
import io.riffle.models.event.Labels;
import io.riffle.models.event.Prediction;
import io.riffle.models.event.SourcePosition;
import io.riffle.models.features.FeatureSpace;
import io.riffle.models.onnx.Device;
import io.riffle.models.onnx.FtrlOnnxSpec;
import io.riffle.models.scoring.ScorerSpec;
import io.riffle.operators.ctr.ScoringMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchScoringOperatorTest {
    private static final int BITS = 10;

    @BeforeEach
    void reset() {
        LinearTestSpec.BATCHES.clear();
        LinearTestSpec.CLOSED.clear();
    }

    private static TwoInputStreamOperatorTestHarness<HashedImpression, LinearModelUpdate, Prediction> open(
            ScorerSpec<HashedImpression, LinearModelUpdate> spec, BatchSettings settings, OperatorSubtaskState state)
            throws Exception {
        var h = new TwoInputStreamOperatorTestHarness<>(new BatchScoringOperator<>(spec, settings,
                TypeInformation.of(HashedImpression.class), TypeInformation.of(LinearModelUpdate.class)));
        h.setup();
        if (state != null) {
            h.initializeState(state);
        }
        h.open();
        return h;
    }

    static HashedImpression event(String id, long time, int feature) {
        return new HashedImpression(id, time, SourcePosition.pack(0, time), new int[] {1, feature},
                new float[] {1f, 1f}, Labels.NONE);
    }

    /** A version setting weight[7] = w. */
    static LinearModelUpdate version(long v, long asOf, float w) {
        return new LinearModelUpdate("m", v, asOf, v == 0, BITS, new int[] {7}, new float[] {w}, v, v);
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Outputs in order: predictions as "id@version", watermarks as "W@time". */
    static List<String> trace(TwoInputStreamOperatorTestHarness<?, ?, Prediction> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r && r.getValue() instanceof Prediction p) {
                out.add(p.id() + "@" + p.modelVersion());
            } else if (o instanceof Watermark w) {
                out.add("W@" + w.getTimestamp());
            }
        }
        return out;
    }

    @Test
    void batchesAreScoredWhenFullOrWhenTheirFirstEventHasWaitedLongEnough() throws Exception {
        try (var h = open(new LinearTestSpec(BITS), BatchSettings.latest(2, 5), null)) {
            h.setProcessingTime(100);
            for (int i = 0; i < 5; i++) {
                h.processElement1(new StreamRecord<>(event("e" + i, i, 7), i));
            }
            assertThat(trace(h)).containsExactly("e0@-1", "e1@-1", "e2@-1", "e3@-1");
            h.setProcessingTime(104);
            assertThat(trace(h)).hasSize(4);
            h.setProcessingTime(105);
            assertThat(trace(h)).containsExactly("e0@-1", "e1@-1", "e2@-1", "e3@-1", "e4@-1");
            assertThat(LinearTestSpec.BATCHES).containsExactly(2, 2, 1);
        }
        assertThat(LinearTestSpec.CLOSED).containsExactly("closed");
    }

    @Test
    void aNewVersionSwapsInAfterTheEventsInFlightAreScoredWithTheOldOne() throws Exception {
        try (var h = open(new LinearTestSpec(BITS), BatchSettings.latest(100, 5), null)) {
            h.processElement2(new StreamRecord<>(version(0, Long.MIN_VALUE, 0f)));
            h.processElement1(new StreamRecord<>(event("a", 1, 7), 1));
            h.processElement1(new StreamRecord<>(event("b", 2, 7), 2));
            h.processElement2(new StreamRecord<>(version(1, 2, 2f)));
            h.processElement1(new StreamRecord<>(event("c", 3, 7), 3));
            h.processElement2(new StreamRecord<>(version(1, 2, 5f)));
            h.setProcessingTime(10);
            assertThat(trace(h)).containsExactly("a@0", "b@0", "c@1");
            assertThat(h.extractOutputValues().get(2).score()).isEqualTo(sigmoid(2));
        }
    }

    @Test
    void aWatermarkWaitsForTheBatchAheadOfIt() throws Exception {
        try (var h = open(new LinearTestSpec(BITS), BatchSettings.latest(100, 5), null)) {
            h.processElement1(new StreamRecord<>(event("a", 10, 7), 10));
            h.processBothWatermarks(new Watermark(10));
            h.processElement1(new StreamRecord<>(event("b", 11, 7), 11));
            assertThat(trace(h)).isEmpty();
            h.setProcessingTime(5);
            assertThat(trace(h)).containsExactly("a@-1", "b@-1", "W@10");
            h.processBothWatermarks(new Watermark(20));
            assertThat(trace(h)).containsExactly("a@-1", "b@-1", "W@10", "W@20");
        }
    }

    @Test
    void aCheckpointHoldsNoEventInFlightAndARestoreContinuesWithTheSameVersion() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = open(new LinearTestSpec(BITS), BatchSettings.latest(100, 1000), null)) {
            h.processElement2(new StreamRecord<>(version(3, 0, 1f)));
            h.processElement1(new StreamRecord<>(event("a", 1, 7), 1));
            h.processElement1(new StreamRecord<>(event("b", 2, 7), 2));
            h.prepareSnapshotPreBarrier(1);
            assertThat(trace(h)).as("flushed before the barrier").containsExactly("a@3", "b@3");
            snapshot = h.snapshot(1, 1);
            h.processElement1(new StreamRecord<>(event("lost-with-the-failure", 3, 7), 3));
        }
        try (var h = open(new LinearTestSpec(BITS), BatchSettings.latest(100, 1000), snapshot)) {
            h.processElement1(new StreamRecord<>(event("c", 3, 7), 3));
            h.endInput1();
            assertThat(trace(h)).containsExactly("c@3");
            assertThat(h.extractOutputValues().get(0).score()).isEqualTo(sigmoid(1));
        }
    }

    @Test
    void eventTimeModeScoresWithTheVersionAsOfEachEventInBoundedBatches() throws Exception {
        var settings = new BatchSettings(2, 0, ScoringMode.EVENT_TIME, 100);
        OperatorSubtaskState snapshot;
        try (var h = open(new LinearTestSpec(BITS), settings, null)) {
            h.processElement2(new StreamRecord<>(version(0, Long.MIN_VALUE, 0f)));
            h.processElement2(new StreamRecord<>(version(1, 1000, 1f)));
            h.processElement2(new StreamRecord<>(version(2, 2000, 2f)));
            for (String id : List.of("a:1050", "b:1060", "c:1070", "d:1101", "e:2500")) {
                long t = Long.parseLong(id.substring(2));
                h.processElement1(new StreamRecord<>(event(id.substring(0, 1), t, 7), t));
            }
            snapshot = h.snapshot(1, 1);
        }
        try (var h = open(new LinearTestSpec(BITS), settings, snapshot)) {
            assertThat(trace(h)).isEmpty();
            h.processBothWatermarks(new Watermark(3000));
            assertThat(trace(h)).containsExactly("a@0", "b@0", "c@0", "d@1", "e@2", "W@3000");
            assertThat(LinearTestSpec.BATCHES).containsExactly(2, 1, 1, 1);
        }
    }

    @Test
    void withoutAModelStreamTheEndOfInputScoresWhatIsLeftAndTimersAreCancelled() throws Exception {
        var op = new SingleInputBatchScoringOperator<>(new LinearTestSpec(BITS), BatchSettings.latest(3, 50),
                TypeInformation.of(HashedImpression.class), TypeInformation.of(LinearModelUpdate.class));
        try (var h = new org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness<>(op)) {
            h.open();
            h.processElement(new StreamRecord<>(event("a", 1, 7), 1));
            assertThat(h.getProcessingTimeService().getNumActiveTimers()).isEqualTo(1);
            h.processElement(new StreamRecord<>(event("b", 2, 7), 2));
            h.processElement(new StreamRecord<>(event("c", 3, 7), 3));
            assertThat(h.getProcessingTimeService().getNumActiveTimers()).as("full batch cancels its timer")
                    .isZero();
            h.processElement(new StreamRecord<>(event("d", 4, 7), 4));
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            h.endInput();
            assertThat(h.extractOutputValues()).extracting(Prediction::id).containsExactly("a", "b", "c", "d");
            assertThat(h.getOutput()).last().isEqualTo(new Watermark(Long.MAX_VALUE));
            assertThat(h.getProcessingTimeService().getNumActiveTimers()).isZero();
        }
    }

    @Test
    void theTrainersModelScoredThroughOnnxRuntimeEqualsRifflesScorer() throws Exception {
        FeatureSpace space = new FeatureSpace(BITS, List.of(), 0);
        LinearScorer reference = new LinearScorer(BITS);
        try (var h = open(new FtrlOnnxSpec(space, Device.CPU, 1, 4), BatchSettings.latest(4, 5), null)) {
            LinearModelUpdate v0 = new LinearModelUpdate("m", 0, 0, true, BITS, new int[] {1, 7, 9},
                    new float[] {-1f, 0.5f, 2f}, 0, 0);
            LinearModelUpdate v1 = new LinearModelUpdate("m", 1, 0, false, BITS, new int[] {7},
                    new float[] {-0.25f}, 0, 0);
            h.processElement2(new StreamRecord<>(v0));
            reference.apply(v0);
            List<Double> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                if (i == 6) {
                    h.processElement2(new StreamRecord<>(v1));
                    reference.apply(v1);
                }
                HashedImpression e = event("e" + i, i, i % 2 == 0 ? 7 : 9);
                h.processElement1(new StreamRecord<>(e, i));
                expected.add(reference.score(e));
            }
            h.endInput1();
            List<Prediction> out = h.extractOutputValues();
            assertThat(out).extracting(Prediction::id).containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6",
                    "e7", "e8", "e9");
            assertThat(out).extracting(Prediction::modelVersion).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 1L, 1L,
                    1L, 1L);
            for (int i = 0; i < out.size(); i++) {
                assertThat(out.get(i).score()).isCloseTo(expected.get(i), within(1e-6));
            }
        }
    }
}
