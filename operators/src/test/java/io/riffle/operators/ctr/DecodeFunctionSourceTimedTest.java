package io.riffle.operators.ctr;

import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.event.CtrEvent;
import io.riffle.models.event.DeadLetter;
import io.riffle.models.event.SourcePosition;
import io.riffle.operators.common.DeadLetters;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Decoding a source-timed input (Kafka): event time from the source, lateness against the watermark. */
class DecodeFunctionSourceTimedTest {
    private static OneInputStreamOperatorTestHarness<SourceRecord, CtrEvent> open(OperatorSubtaskState state)
            throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(
                new DecodeFunction(CtrCodecSpec.of(CtrFormat.JSONL), 100, 0, true)));
        h.setup();
        if (state != null) {
            h.initializeState(state);
        }
        h.open();
        return h;
    }

    private static StreamRecord<SourceRecord> kafka(int partition, long offset, long time, String json) {
        return new StreamRecord<>(new SourceRecord("topic", partition, offset, SourcePosition.pack(partition, offset),
                time, "k", json, null), time);
    }

    private static String impression(String id, long time) {
        return "{\"id\":\"" + id + "\",\"time\":" + time + ",\"features\":{\"site\":\"x\"}}";
    }

    @Test
    void aLaggingPartitionIsNotLateBecauseAnotherIsAhead() throws Exception {
        try (var h = open(null)) {
            h.processElement(kafka(0, 0, 10_000, impression("a", 10_000)));
            h.processElement(kafka(1, 0, 1_000, impression("b", 1_000)));
            assertThat(h.extractOutputValues()).extracting(CtrEvent::time).containsExactly(10_000L, 1_000L);
            assertThat(h.getSideOutput(DeadLetters.TAG)).isNull();
        }
    }

    @Test
    void aRecordBehindTheWatermarkIsDeadLetteredWithItsTopicPartitionAndOffset() throws Exception {
        OperatorSubtaskState state;
        try (var h = open(null)) {
            h.processWatermark(new Watermark(5_000));
            h.processElement(kafka(2, 41, 5_000, impression("late", 5_000)));
            h.processElement(kafka(2, 42, 5_001, impression("ok", 5_001)));
            assertThat(h.extractOutputValues()).extracting(e -> e.impression().id()).containsExactly("ok");
            DeadLetter dead = h.getSideOutput(DeadLetters.TAG).poll().getValue();
            assertThat(dead.source()).isEqualTo("topic");
            assertThat(dead.partition()).isEqualTo(2);
            assertThat(dead.position()).isEqualTo(41);
            assertThat(dead.reason()).startsWith("late: event time 5000 is behind the watermark 5000");
            state = h.snapshot(1, 1);
        }
        try (var h = open(state)) {
            h.processWatermark(new Watermark(5_000));
            h.processElement(kafka(2, 43, 6_000, impression("after-restore", 6_000)));
            h.processElement(kafka(2, 44, 4_000, impression("late-after-restore", 4_000)));
            assertThat(h.extractOutputValues()).extracting(e -> e.impression().id())
                    .containsExactly("after-restore");
            assertThat(h.getSideOutput(DeadLetters.TAG)).hasSize(1);
        }
    }

    @Test
    void eventTimeIsTheOneTheSourceAssigned() throws Exception {
        try (var h = open(null)) {
            h.processElement(kafka(0, 0, 7_777, impression("a", 1_000)));
            h.processElement(kafka(0, 1, 8_888, "{\"id\":\"a\",\"time\":2000,\"label\":1}"));
            List<CtrEvent> out = h.extractOutputValues();
            assertThat(out.get(0).time()).isEqualTo(7_777);
            assertThat(out.get(1).time()).isEqualTo(8_888);
            assertThat(out.get(1).label().label()).isEqualTo(1);
        }
    }
}
