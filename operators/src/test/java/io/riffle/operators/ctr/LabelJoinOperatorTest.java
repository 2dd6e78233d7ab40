package io.riffle.operators.ctr;

import static io.riffle.operators.ctr.Fixtures.impression;
import static io.riffle.operators.ctr.Fixtures.label;
import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.models.event.DeadLetter;
import io.riffle.models.event.Example;
import io.riffle.models.event.HashedImpression;
import io.riffle.models.event.LabelEvent;
import io.riffle.models.event.LabelSource;
import io.riffle.operators.common.DeadLetters;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LabelJoinOperatorTest {
    private static final long WINDOW = 1000;
    private static final long LATENESS = 100;
    private KeyedTwoInputStreamOperatorTestHarness<String, HashedImpression, LabelEvent, Example> harness;

    private KeyedTwoInputStreamOperatorTestHarness<String, HashedImpression, LabelEvent, Example> open(
            OperatorSubtaskState state) throws Exception {
        return open(state, LabelTiming.LABEL_TIME);
    }

    private KeyedTwoInputStreamOperatorTestHarness<String, HashedImpression, LabelEvent, Example> open(
            OperatorSubtaskState state, LabelTiming timing) throws Exception {
        return open(state, timing, 1);
    }

    private KeyedTwoInputStreamOperatorTestHarness<String, HashedImpression, LabelEvent, Example> open(
            OperatorSubtaskState state, LabelTiming timing, long granularity) throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(
                new LabelJoinOperator(WINDOW, LATENESS, Fixtures.SOURCES, timing, granularity),
                HashedImpression::id, LabelEvent::id, Types.STRING);
        h.setup();
        if (state != null) {
            h.initializeState(state);
        }
        h.open();
        return h;
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aLabelInsideTheWindowMakesAnExampleAtTheLabelsTime() throws Exception {
        harness = open(null);
        harness.processElement1(new StreamRecord<>(impression("a", 100, 7), 100));
        harness.processElement2(new StreamRecord<>(label("a", 600, 1), 600));
        List<Example> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).label()).isEqualTo(1);
        assertThat(out.get(0).time()).isEqualTo(600);
        assertThat(out.get(0).impressionTime()).isEqualTo(100);
        assertThat(out.get(0).labelSource()).isEqualTo(LabelSource.EVENT);
    }

    @Test
    void byDefaultAClickWaitsForItsWindowToCloseLikeEveryNonClick() throws Exception {
        harness = open(null, LabelTiming.WINDOW_END);
        harness.processElement1(new StreamRecord<>(impression("clicked", 100, 7), 100));
        harness.processElement1(new StreamRecord<>(impression("ignored", 150, 8), 150));
        harness.processElement2(new StreamRecord<>(label("clicked", 600, 1), 600));
        harness.processElement2(new StreamRecord<>(label("clicked", 700, 1), 700));
        assertThat(harness.extractOutputValues()).as("nothing before the windows close").isEmpty();
        assertThat(harness.getSideOutput(DeadLetters.TAG).poll().getValue().reason()).startsWith("duplicate label");
        harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(1150));
        List<Example> out = harness.extractOutputValues();
        assertThat(out).extracting(Example::id).containsExactly("clicked", "ignored");
        assertThat(out).extracting(Example::label).containsExactly(1, 0);
        assertThat(out).extracting(Example::time).containsExactly(1100L, 1150L);
        assertThat(out).extracting(Example::labelSource).containsExactly(LabelSource.EVENT,
                LabelSource.WINDOW_EXPIRED);
    }

    @Test
    void byDefaultALabelledImpressionStillOpenAtTheEndOfInputIsLearned() throws Exception {
        harness = open(null, LabelTiming.WINDOW_END);
        harness.processElement1(new StreamRecord<>(impression("clicked", 100, 7), 100));
        harness.processElement1(new StreamRecord<>(impression("open", 110, 7), 110));
        harness.processElement2(new StreamRecord<>(label("clicked", 300, 1), 300));
        harness.processBothWatermarks(org.apache.flink.streaming.api.watermark.Watermark.MAX_WATERMARK);
        assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("clicked");
            assertThat(e.time()).isEqualTo(1100);
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void noLabelByTheWindowsEndMakesANegativeAtTheWindowsEnd() throws Exception {
        harness = open(null);
        harness.processElement1(new StreamRecord<>(impression("a", 100, 7), 100));
        harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(1099));
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(1100));
        List<Example> out = harness.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).label()).isZero();
        assertThat(out.get(0).time()).isEqualTo(1100);
        assertThat(out.get(0).labelSource()).isEqualTo(LabelSource.WINDOW_EXPIRED);
    }

    @Test
    void aLabelAfterTheWindowIsDeadLetteredWithItsReasonAndPosition() throws Exception {
        harness = open(null);
        harness.processElement1(new StreamRecord<>(impression("a", 100, 7), 100));
        harness.processElement2(new StreamRecord<>(label("a", 1200, 1), 1200));
        DeadLetter dead = harness.getSideOutput(DeadLetters.TAG).poll().getValue();
        assertThat(dead.kind()).isEqualTo("label");
        assertThat(dead.reason()).startsWith("late label");
        assertThat(dead.source()).isEqualTo("labels.jsonl");
        assertThat(dead.position()).isEqualTo(1200);
        harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(1100));
        assertThat(harness.extractOutputValues()).singleElement().extracting(Example::label).isEqualTo(0);
    }

    @Test
    void decisionsDependOnEventTimesNotOnWhetherATimerHasFiredYet() throws Exception {
        harness = open(null);
        harness.processElement1(new StreamRecord<>(impression("a", 100, 7), 100));
        harness.processElement2(new StreamRecord<>(label("a", 1150, 1), 1150));
        String before = harness.getSideOutput(DeadLetters.TAG).poll().getValue().reason();
        harness.close();

        harness = open(null);
        harness.processElement1(new StreamRecord<>(impression("a", 100, 7), 100));
        harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(1120));
        harness.processElement2(new StreamRecord<>(label("a", 1150, 1), 1150));
        String after = harness.getSideOutput(DeadLetters.TAG).poll().getValue().reason();
        assertThat(after).isEqualTo(before).startsWith("late label: at 1150");
    }

    @Test
    void aReusedIdAfterTheWindowClosedExpiresTheOldImpressionFirst() throws Exception {
        harness = open(null);
        harness.processElement1(new StreamRecord<>(impression("a", 100, 7), 100));
        harness.processElement1(new StreamRecord<>(impression("a", 5000, 8), 5000));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> {
            assertThat(e.label()).isZero();
            assertThat(e.time()).isEqualTo(1100);
        });
        assertThat(harness.getSideOutput(DeadLetters.TAG)).isNull();
    }

    @Test
    void aLabelThatArrivesBeforeItsImpressionWaitsForIt() throws Exception {
        harness = open(null);
        harness.processElement2(new StreamRecord<>(label("a", 150, 1), 150));
        harness.processElement1(new StreamRecord<>(impression("a", 100, 7), 100));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> {
            assertThat(e.label()).isEqualTo(1);
            assertThat(e.time()).isEqualTo(150);
        });
    }

    @Test
    void aLabelWithoutImpressionIsDeadLetteredAfterTheLateness() throws Exception {
        harness = open(null);
        harness.processElement2(new StreamRecord<>(label("ghost", 150, 1), 150));
        harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(250));
        DeadLetter dead = harness.getSideOutput(DeadLetters.TAG).poll().getValue();
        assertThat(dead.reason()).startsWith("label without impression");
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aDuplicateImpressionIdIsDeadLettered() throws Exception {
        harness = open(null);
        harness.processElement1(new StreamRecord<>(impression("a", 100, 7), 100));
        harness.processElement1(new StreamRecord<>(impression("a", 200, 8), 200));
        assertThat(harness.getSideOutput(DeadLetters.TAG).poll().getValue().reason())
                .startsWith("duplicate impression id");
    }

    @Test
    void theEndOfInputDoesNotTurnOpenWindowsIntoNegatives() throws Exception {
        harness = open(null);
        harness.processElement1(new StreamRecord<>(impression("a", 100, 7), 100));
        harness.processBothWatermarks(org.apache.flink.streaming.api.watermark.Watermark.MAX_WATERMARK);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void windowsThatClosedBeforeTheNewestEventTimeStillMakeNegativesAtTheEndOfInput() throws Exception {
        harness = open(null);
        harness.processElement1(new StreamRecord<>(impression("closed", 100, 7), 100));
        harness.processElement1(new StreamRecord<>(impression("open", 900, 7), 900));
        harness.processElement2(new StreamRecord<>(label("other", 1500, 0), 1500));
        harness.processBothWatermarks(org.apache.flink.streaming.api.watermark.Watermark.MAX_WATERMARK);
        assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("closed");
            assertThat(e.label()).isZero();
            assertThat(e.time()).isEqualTo(1100);
        });
    }

    @Test
    void stateIsGoneOnceTheWindowAndTheRememberedWindowHavePassed() throws Exception {
        harness = open(null);
        harness.processElement1(new StreamRecord<>(impression("a", 100, 7), 100));
        harness.processElement2(new StreamRecord<>(label("a", 300, 1), 300));
        harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(1100 + WINDOW));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aPendingImpressionSurvivesSnapshotAndRestore() throws Exception {
        harness = open(null);
        harness.processElement1(new StreamRecord<>(impression("a", 100, 7), 100));
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = open(snapshot);
        harness.processElement2(new StreamRecord<>(label("a", 500, 1), 500));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> {
            assertThat(e.label()).isEqualTo(1);
            assertThat(e.hashes()).containsExactly(1, 7);
        });
    }

    @Test
    void deadlinesInOneGranuleShareATimerPerKeyGroupAndTheForwardedWatermarkWaitsForThem() throws Exception {
        harness = open(null, LabelTiming.WINDOW_END, 100);
        for (int i = 0; i < 200; i++) {
            harness.processElement1(new StreamRecord<>(impression("id-" + i, 100 + i / 2, 7), 100 + i / 2));
        }
        // Deadlines 1100..1199: "id-0" and "id-1" end at 1100, the others in the granule ending at 1200.
        assertThat(harness.numEventTimeTimers()).isLessThan(200);

        harness.processBothWatermarks(new Watermark(1150));
        assertThat(harness.extractOutputValues()).extracting(Example::id).containsExactlyInAnyOrder("id-0", "id-1");
        assertThat(forwardedWatermarks()).containsExactly(1100L);

        harness.processBothWatermarks(new Watermark(1200));
        List<Example> out = harness.extractOutputValues();
        assertThat(out).hasSize(200).allSatisfy(e -> {
            assertThat(e.label()).isZero();
            assertThat(e.time()).as("each example keeps its own window end").isEqualTo(e.impressionTime() + WINDOW);
        });
        assertThat(forwardedWatermarks()).containsExactly(1100L, 1200L);
    }

    @Test
    void aCoarserGranularityMakesTheSameExamplesAndDeadLetters() throws Exception {
        for (LabelTiming timing : LabelTiming.values()) {
            assertThat(run(timing, 250)).as(timing.name()).isEqualTo(run(timing, 1));
        }
    }

    @Test
    void granuleDeadlinesSurviveSnapshotAndRestore() throws Exception {
        harness = open(null, LabelTiming.WINDOW_END, 100);
        harness.processElement1(new StreamRecord<>(impression("a", 100, 7), 100));
        harness.processElement2(new StreamRecord<>(label("a", 500, 1), 500));
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = open(snapshot, LabelTiming.WINDOW_END, 100);
        harness.processBothWatermarks(new Watermark(1100));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> {
            assertThat(e.label()).isEqualTo(1);
            assertThat(e.time()).isEqualTo(1100);
        });
        harness.processBothWatermarks(new Watermark(1100 + 2 * WINDOW));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /**
     * A mixed stream (clicks, labels before their impression, late and duplicate labels, labels without impression,
     * reused ids) with the watermark following it: the examples (sorted, as the trainer orders them) and the dead
     * letters' reasons.
     */
    private List<String> run(LabelTiming timing, long granularity) throws Exception {
        var h = open(null, timing, granularity);
        try {
            for (int i = 0; i < 400; i++) {
                long t = 10L * i;
                String id = "id-" + (i % 150);
                if (i % 7 == 3) {
                    h.processElement2(new StreamRecord<>(label(id, t + 40, 1), t + 40));
                }
                h.processElement1(new StreamRecord<>(impression(id, t, i), t));
                if (i % 3 == 0) {
                    h.processElement2(new StreamRecord<>(label(id, t + 300, 1), t + 300));
                }
                if (i % 11 == 0) {
                    h.processElement2(new StreamRecord<>(label(id, t + WINDOW + 50, 1), t + WINDOW + 50));
                }
                if (i % 13 == 0) {
                    h.processElement2(new StreamRecord<>(label("ghost-" + i, t, 1), t));
                }
                if (i % 5 == 0) {
                    h.processBothWatermarks(new Watermark(t - 100));
                }
            }
            h.processBothWatermarks(Watermark.MAX_WATERMARK);
            List<String> lines = new java.util.ArrayList<>(h.extractOutputValues().stream()
                    .map(e -> e.time() + " " + e.id() + " " + e.impressionTime() + " " + e.label() + " "
                            + e.labelSource())
                    .sorted().toList());
            var dead = h.getSideOutput(DeadLetters.TAG);
            if (dead != null) {
                dead.stream().map(r -> r.getValue().position() + " " + r.getValue().reason()).sorted()
                        .forEach(lines::add);
            }
            assertThat(h.numKeyedStateEntries()).isZero();
            return lines;
        } finally {
            h.close();
        }
    }

    private List<Long> forwardedWatermarks() {
        return harness.getOutput().stream().filter(Watermark.class::isInstance)
                .map(w -> ((Watermark) w).getTimestamp()).toList();
    }
}
