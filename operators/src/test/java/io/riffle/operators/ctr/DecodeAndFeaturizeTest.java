package io.riffle.operators.ctr;

import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.event.CtrEvent;
import io.riffle.models.event.DeadLetter;
import io.riffle.models.event.HashedImpression;
import io.riffle.models.event.Impression;
import io.riffle.models.event.LabelEvent;
import io.riffle.models.features.FeatureSpace;
import io.riffle.operators.common.DeadLetters;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DecodeAndFeaturizeTest {
    private static OneInputStreamOperatorTestHarness<SourceRecord, CtrEvent> decoder(OperatorSubtaskState state)
            throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(
                new DecodeFunction(CtrCodecSpec.of(CtrFormat.JSONL), 100, 0)));
        h.setup();
        if (state != null) {
            h.initializeState(state);
        }
        h.open();
        return h;
    }

    private static StreamRecord<SourceRecord> line(long n, String text) {
        return new StreamRecord<>(SourceRecord.line("in.jsonl", 0, n, text));
    }

    @Test
    void everyRecordBecomesAnEventOrADeadLetterWithItsPosition() throws Exception {
        try (var h = decoder(null)) {
            h.processElement(line(1, "{\"id\":\"a\",\"time\":1000,\"features\":{\"s\":\"x\"}}"));
            h.processElement(line(2, "{\"id\":\"a\",\"time\":1500,\"label\":1}"));
            h.processElement(line(3, "oops"));
            h.processElement(new StreamRecord<>(SourceRecord.unreadable("in.jsonl", 0, 4, "too long", "")));
            List<CtrEvent> events = h.extractOutputValues();
            assertThat(events).hasSize(2);
            assertThat(events.get(0).impression().id()).isEqualTo("a");
            assertThat(events.get(1).label().label()).isEqualTo(1);
            List<DeadLetter> dead = h.getSideOutput(DeadLetters.TAG).stream().map(StreamRecord::getValue).toList();
            assertThat(dead).extracting(DeadLetter::position).containsExactly(3L, 4L);
            assertThat(dead).extracting(DeadLetter::kind).containsExactly("unknown", "unknown");
            assertThat(dead.get(1).reason()).isEqualTo("too long");
        }
    }

    @Test
    void theLatenessBoundSurvivesARestore() throws Exception {
        OperatorSubtaskState state;
        try (var h = decoder(null)) {
            h.processElement(line(1, "{\"id\":\"a\",\"time\":1000,\"features\":{\"s\":\"x\"}}"));
            state = h.snapshot(1, 1);
        }
        try (var h = decoder(state)) {
            h.processElement(line(2, "{\"id\":\"b\",\"time\":850,\"features\":{\"s\":\"x\"}}"));
            h.processElement(line(3, "{\"id\":\"c\",\"time\":950,\"features\":{\"s\":\"x\"}}"));
            assertThat(h.extractOutputValues()).extracting(e -> e.impression().id()).containsExactly("c");
            assertThat(h.getSideOutput(DeadLetters.TAG).poll().getValue().reason()).startsWith("late: event time 850");
        }
    }

    @Test
    void featurizeRoutesLabelledRowsUnlabelledRowsAndSplitsDelayedLabels() throws Exception {
        Impression labelled = new Impression("l", 10, 1, new String[] {"s"}, new String[] {"x"}, new String[0],
                new double[0], 1);
        Impression unlabelled = labelled.withoutLabel();
        var join = ProcessFunctionTestHarnesses.forProcessFunction(
                new FeaturizeFunction(new FeatureSpace(10, List.of(), 0), true, -1));
        join.processElement(new StreamRecord<>(CtrEvent.of(labelled)));
        join.processElement(new StreamRecord<>(CtrEvent.of(unlabelled)));
        join.processElement(new StreamRecord<>(CtrEvent.of(new LabelEvent("u", 20, 2, 0))));
        assertThat(join.extractOutputValues()).hasSize(2);
        assertThat(join.getSideOutput(FeaturizeFunction.EXAMPLES)).hasSize(1);
        assertThat(join.getSideOutput(FeaturizeFunction.AWAITING_LABEL)).hasSize(1);
        assertThat(join.getSideOutput(FeaturizeFunction.LABELS)).hasSize(1);

        var delayed = ProcessFunctionTestHarnesses.forProcessFunction(
                new FeaturizeFunction(new FeatureSpace(10, List.of(), 0), true, 300));
        delayed.processElement(new StreamRecord<>(CtrEvent.of(labelled)));
        HashedImpression scored = delayed.extractOutputValues().get(0);
        assertThat(scored.label()).as("the scorer never sees a label").isEqualTo(-1);
        assertThat(delayed.getSideOutput(FeaturizeFunction.EXAMPLES)).isNull();
        assertThat(delayed.getSideOutput(FeaturizeFunction.LABELS).poll().getValue().time()).isEqualTo(310);
    }
}
