package io.riffle.operators.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.connectors.graph.EdgeCodecSpec;
import io.riffle.connectors.graph.EdgeFormat;
import io.riffle.connectors.reservoir.SeriesCodecSpec;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.event.DeadLetter;
import io.riffle.models.event.SourcePosition;
import io.riffle.models.graph.event.EdgeEvent;
import io.riffle.models.reservoir.event.SeriesRow;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * {@link DecodeRecords#sourceTimed}: a Kafka input's event times come from the source, and a record is late only when
 * it is behind the watermark (however far ahead another partition is); dead letters name topic, partition and offset,
 * as side outputs (graph) or in band (reservoir).
 */
class DecodeRecordsSourceTimedTest {
    private static OneInputStreamOperatorTestHarness<SourceRecord, EdgeEvent> edges(OperatorSubtaskState state)
            throws Exception {
        DecodeRecords<EdgeEvent> decode = new DecodeRecords<>(EdgeCodecSpec.of(EdgeFormat.JSONL), EdgeEvent::time,
                100, 0, TypeInformation.of(EdgeEvent.class));
        var h = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(decode.sourceTimed(EdgeEvent::withTime)));
        h.setup();
        if (state != null) {
            h.initializeState(state);
        }
        h.open();
        return h;
    }

    private static StreamRecord<SourceRecord> kafka(int partition, long offset, long time, String json) {
        return new StreamRecord<>(new SourceRecord("topic", partition, offset, SourcePosition.pack(partition, offset),
                time, null, json, null), time);
    }

    private static String edge(String src, long time) {
        return "{\"src\":\"" + src + "\",\"dst\":\"d\",\"time\":" + time + "}";
    }

    @Test
    void aLaggingPartitionIsNotLateAndEventTimeIsTheSourcesOwn() throws Exception {
        try (var h = edges(null)) {
            h.processElement(kafka(0, 0, 10_000, edge("a", 10_000)));
            h.processElement(kafka(1, 0, 1_000, edge("b", 1_000)));
            h.processElement(kafka(1, 1, 7_777, edge("c", 2_000)));
            assertThat(h.extractOutputValues()).extracting(EdgeEvent::time).containsExactly(10_000L, 1_000L, 7_777L);
            assertThat(h.getSideOutput(DeadLetters.TAG)).isNull();
        }
    }

    @Test
    void aRecordBehindTheWatermarkIsDeadLetteredWithItsTopicPartitionAndOffsetAcrossARestore() throws Exception {
        OperatorSubtaskState state;
        try (var h = edges(null)) {
            h.processWatermark(new Watermark(5_000));
            h.processElement(kafka(2, 41, 5_000, edge("late", 5_000)));
            h.processElement(kafka(2, 42, 5_001, edge("ok", 5_001)));
            assertThat(h.extractOutputValues()).extracting(EdgeEvent::source).containsExactly("ok");
            DeadLetter dead = h.getSideOutput(DeadLetters.TAG).poll().getValue();
            assertThat(dead.source()).isEqualTo("topic");
            assertThat(dead.partition()).isEqualTo(2);
            assertThat(dead.position()).isEqualTo(41);
            assertThat(dead.reason()).startsWith("late: event time 5000 is behind the watermark 5000");
            state = h.snapshot(1, 1);
        }
        try (var h = edges(state)) {
            h.processWatermark(new Watermark(5_000));
            h.processElement(kafka(2, 43, 6_000, edge("after-restore", 6_000)));
            h.processElement(kafka(2, 44, 4_000, edge("late-after-restore", 4_000)));
            assertThat(h.extractOutputValues()).extracting(EdgeEvent::source).containsExactly("after-restore");
            assertThat(h.getSideOutput(DeadLetters.TAG)).hasSize(1);
        }
    }

    @Test
    void inBandDeadLettersOfASeriesInputTravelWithThePoints() throws Exception {
        DecodeRecords<SeriesRow> decode = new DecodeRecords<>(SeriesCodecSpec.jsonLines(), SeriesRow::time, 100, 0,
                TypeInformation.of(SeriesRow.class), SeriesRow::deadLetter);
        try (var h = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(
                decode.sourceTimed(SeriesRow::withTime)))) {
            h.open();
            h.processWatermark(new Watermark(5_000));
            h.processElement(kafka(1, 7, 4_000, "{\"key\":\"k\",\"time\":4000,\"value\":1.0}"));
            h.processElement(kafka(1, 8, 6_000, "{\"key\":\"k\",\"time\":6000,\"value\":2.0}"));
            List<SeriesRow> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            assertThat(out.get(0).deadLetter().partition()).isEqualTo(1);
            assertThat(out.get(0).deadLetter().position()).isEqualTo(7);
            assertThat(out.get(1).deadLetter()).isNull();
            assertThat(out.get(1).time()).isEqualTo(6_000);
            assertThat(h.getSideOutput(DeadLetters.TAG)).isNull();
        }
    }
}
