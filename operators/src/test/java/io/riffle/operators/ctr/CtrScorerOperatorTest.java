package io.riffle.operators.ctr;

import static io.riffle.operators.ctr.Fixtures.impression;
import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.models.ctr.LinearModelUpdate;
import io.riffle.models.event.HashedImpression;
import io.riffle.models.event.Prediction;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class CtrScorerOperatorTest {
    private static TwoInputStreamOperatorTestHarness<HashedImpression, LinearModelUpdate, Prediction> open(
            ScoringMode mode, long lag, OperatorSubtaskState state) throws Exception {
        var h = new TwoInputStreamOperatorTestHarness<>(new CtrScorerOperator(mode, lag, 10));
        h.setup();
        if (state != null) {
            h.initializeState(state);
        }
        h.open();
        return h;
    }

    /** A version setting weight[7] = w, as of {@code asOf}. */
    private static LinearModelUpdate version(long v, long asOf, float w) {
        return new LinearModelUpdate("m", v, asOf, v == 0, 10, new int[] {7}, new float[] {w}, v, v);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void latestModeScoresWithTheNewestVersionAtOnce() throws Exception {
        try (var h = open(ScoringMode.LATEST, 0, null)) {
            h.processElement2(new StreamRecord<>(version(0, Long.MIN_VALUE, 0f)));
            h.processElement2(new StreamRecord<>(version(1, 5000, 2f)));
            h.processElement1(new StreamRecord<>(impression("a", 100, 7), 100));
            Prediction p = h.extractOutputValues().get(0);
            assertThat(p.modelVersion()).isEqualTo(1);
            assertThat(p.score()).isEqualTo(sigmoid(2));
        }
    }

    @Test
    void eventTimeModeUsesTheVersionAsOfTheImpressionTimeMinusTheLag() throws Exception {
        try (var h = open(ScoringMode.EVENT_TIME, 100, null)) {
            h.processElement2(new StreamRecord<>(version(0, Long.MIN_VALUE, 0f)));
            h.processElement2(new StreamRecord<>(version(1, 1000, 1f)));
            h.processElement2(new StreamRecord<>(version(2, 2000, 2f)));
            h.processElement1(new StreamRecord<>(impression("early", 1050, 7), 1050));
            h.processElement1(new StreamRecord<>(impression("later", 1101, 7), 1101));
            h.processElement1(new StreamRecord<>(impression("last", 2500, 7), 2500));
            assertThat(h.extractOutputValues()).as("nothing is scored before the watermarks allow it").isEmpty();
            h.processWatermark1(new Watermark(3000));
            h.processWatermark2(new Watermark(3000));
            List<Prediction> out = h.extractOutputValues();
            assertThat(out).extracting(Prediction::id).containsExactly("early", "later", "last");
            assertThat(out).extracting(Prediction::modelVersion).containsExactly(0L, 1L, 2L);
            assertThat(out.get(1).score()).isEqualTo(sigmoid(1));
        }
    }

    @Test
    void eventTimeModeWaitsUntilEveryDueVersionHasArrived() throws Exception {
        try (var h = open(ScoringMode.EVENT_TIME, 0, null)) {
            h.processElement2(new StreamRecord<>(version(0, Long.MIN_VALUE, 0f)));
            h.processElement1(new StreamRecord<>(impression("a", 1500, 7), 1500));
            h.processWatermark1(new Watermark(2000));
            h.processWatermark2(new Watermark(1000));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement2(new StreamRecord<>(version(1, 1200, 3f)));
            h.processWatermark2(new Watermark(1499));
            assertThat(h.extractOutputValues()).singleElement().extracting(Prediction::modelVersion).isEqualTo(1L);
        }
    }

    @Test
    void waitingImpressionsAndPendingVersionsSurviveSnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = open(ScoringMode.EVENT_TIME, 0, null)) {
            h.processElement2(new StreamRecord<>(version(0, Long.MIN_VALUE, 0f)));
            h.processElement2(new StreamRecord<>(version(1, 1000, 1f)));
            h.processElement1(new StreamRecord<>(impression("a", 1500, 7), 1500));
            snapshot = h.snapshot(1, 1);
        }
        try (var h = open(ScoringMode.EVENT_TIME, 0, snapshot)) {
            h.processElement2(new StreamRecord<>(version(1, 1000, 1f)));
            h.processWatermark1(new Watermark(2000));
            h.processWatermark2(new Watermark(2000));
            assertThat(h.extractOutputValues()).singleElement().satisfies(p -> {
                assertThat(p.id()).isEqualTo("a");
                assertThat(p.modelVersion()).isEqualTo(1);
                assertThat(p.score()).isEqualTo(sigmoid(1));
            });
        }
    }

    @Test
    void aDeltaAfterAGapIsSkippedUntilAWholeModelComes() throws Exception {
        try (var h = open(ScoringMode.LATEST, 0, null)) {
            h.processElement2(new StreamRecord<>(version(0, Long.MIN_VALUE, 0f)));
            h.processElement2(new StreamRecord<>(version(1, 5000, 1f)));
            h.processElement2(new StreamRecord<>(version(3, 6000, 3f)));
            h.processElement1(new StreamRecord<>(impression("a", 100, 7), 100));
            h.processElement2(new StreamRecord<>(
                    new LinearModelUpdate("m", 4, 7000, true, 10, new int[] {7}, new float[] {4f}, 4, 4)));
            h.processElement1(new StreamRecord<>(impression("b", 200, 7), 200));
            List<Prediction> out = h.extractOutputValues();
            assertThat(out.get(0).modelVersion()).isEqualTo(1);
            assertThat(out.get(0).score()).isEqualTo(sigmoid(1));
            assertThat(out.get(1).modelVersion()).isEqualTo(4);
            assertThat(out.get(1).score()).isEqualTo(sigmoid(4));
        }
    }
}
