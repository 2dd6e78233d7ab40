package io.riffle.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.event.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class SourceRecordDeserializerTest {
    private final SourceRecordDeserializer fields = new SourceRecordDeserializer(1, 100, EventTimeSource.FIELD,
            "time");
    private final SourceRecordDeserializer kafkaTime = new SourceRecordDeserializer(0, 100, EventTimeSource.KAFKA,
            "time");

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset, long timestamp, String key,
                                                         byte[] value) {
        return new ConsumerRecord<>("clicks", partition, offset, timestamp, TimestampType.CREATE_TIME,
                key == null ? -1 : key.length(), value == null ? -1 : value.length,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, new RecordHeaders(),
                Optional.empty());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRecordKeepsItsTopicPartitionOffsetKeyAndTheTimeOfItsTimeField() {
        SourceRecord r = fields.toSourceRecord(record(3, 41, 5, "a1", utf8("{\"id\":\"a1\",\"time\":1234,"
                + "\"label\":1}")));
        assertThat(r.readable()).isTrue();
        assertThat(r.source()).isEqualTo("clicks");
        assertThat(r.partition()).isEqualTo(3);
        assertThat(r.position()).isEqualTo(41);
        assertThat(r.key()).isEqualTo("a1");
        assertThat(r.timestamp()).isEqualTo(1234);
        assertThat(SourcePosition.sourceIndex(r.seq())).isEqualTo(SourceRecordDeserializer.sourceIndex(1, 3));
        assertThat(SourcePosition.position(r.seq())).isEqualTo(41);
    }

    @Test
    void withoutATimeFieldOrWithKafkaTimeTheRecordTimestampIsEventTimeAndRecordsThatWillNotDecodeHaveNone() {
        assertThat(fields.toSourceRecord(record(0, 0, 77, null, utf8("{\"id\":\"a\",\"label\":1}"))).timestamp())
                .isEqualTo(77);
        assertThat(fields.toSourceRecord(record(0, 0, 77, null, utf8("{\"time\":\"soon\"}"))).timestamp())
                .as("a time that is not a time").isEqualTo(SourceRecord.NO_TIMESTAMP);
        assertThat(fields.toSourceRecord(record(0, 0, 77, null, utf8("not json"))).timestamp())
                .as("not JSON").isEqualTo(SourceRecord.NO_TIMESTAMP);
        assertThat(fields.toSourceRecord(record(0, 0, 77, null, utf8("{\"time\":\"2026-11-01T00:00:00Z\"}")))
                .timestamp()).isEqualTo(1_793_491_200_000L);
        assertThat(kafkaTime.toSourceRecord(record(0, 0, 77, null, utf8("{\"id\":\"a\",\"time\":5,\"label\":1}")))
                .timestamp()).isEqualTo(77);
    }

    @Test
    void tombstonesEmptyOversizeAndBinaryValuesBecomeRecordsWithAnError() {
        SourceRecord tombstone = fields.toSourceRecord(record(0, 1, 5, "gone", null));
        assertThat(tombstone.readable()).isFalse();
        assertThat(tombstone.error()).contains("tombstone").contains("gone");
        assertThat(tombstone.timestamp()).as("does not move event time").isEqualTo(SourceRecord.NO_TIMESTAMP);
        assertThat(fields.toSourceRecord(record(0, 2, 5, null, new byte[0])).error()).isEqualTo("empty value");
        assertThat(fields.toSourceRecord(record(0, 3, 5, null, utf8("   "))).error()).isEqualTo("value is blank");
        SourceRecord big = fields.toSourceRecord(record(0, 4, 5, null, utf8("x".repeat(101))));
        assertThat(big.error()).contains("101 bytes").contains("--max-record-bytes");
        SourceRecord binary = fields.toSourceRecord(record(0, 5, 5, null, new byte[] {(byte) 0xff, (byte) 0xfe}));
        assertThat(binary.error()).contains("UTF-8");
        assertThat(binary.position()).isEqualTo(5);
    }

    @Test
    void oneSourceOverSeveralInputsKeepsEachTopicsInputIndex() {
        SourceRecordDeserializer both = new SourceRecordDeserializer(0, java.util.Map.of("clicks", 0, "labels", 1),
                100, EventTimeSource.FIELD, "time");
        ConsumerRecord<byte[], byte[]> label = new ConsumerRecord<>("labels", 2, 9, 5L, TimestampType.CREATE_TIME, -1,
                2, null, utf8("{}"), new RecordHeaders(), Optional.empty());
        assertThat(SourcePosition.sourceIndex(both.toSourceRecord(label).seq()))
                .isEqualTo(SourceRecordDeserializer.sourceIndex(1, 2));
        assertThat(SourcePosition.sourceIndex(both.toSourceRecord(record(2, 9, 5, null, utf8("{}"))).seq()))
                .isEqualTo(SourceRecordDeserializer.sourceIndex(0, 2));
    }

    @Test
    void inputIndexAndPartitionMustFitTheOrderingKey() {
        assertThatThrownBy(() -> new SourceRecordDeserializer(32, 100, EventTimeSource.FIELD, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(fields.toSourceRecord(record(SourceRecordDeserializer.PARTITIONS_PER_INPUT, 0, 5, null,
                utf8("{}"))).error()).contains("partition");
    }

    @Test
    void startAndStopPositionsParse() {
        assertThat(KafkaStart.parse("earliest")).isEqualTo(KafkaStart.EARLIEST);
        assertThat(KafkaStart.parse("committed")).isEqualTo(KafkaStart.COMMITTED);
        assertThat(KafkaStart.parse("2026-11-01T00:00:00Z")).isEqualTo(KafkaStart.at(1_793_491_200_000L));
        assertThat(KafkaStart.parse("1700000000000")).isEqualTo(KafkaStart.at(1_700_000_000_000L));
        assertThatThrownBy(() -> KafkaStart.parse("yesterday")).hasMessageContaining("--from 'yesterday'");
        assertThat(KafkaStop.parse("end").bounded()).isTrue();
        assertThat(KafkaStop.parse("never").bounded()).isFalse();
        assertThatThrownBy(() -> KafkaStop.parse("soon")).hasMessageContaining("--until 'soon'");
    }
}
