package io.riffle.connectors.kafka;

import io.riffle.connectors.codec.EventTimes;
import io.riffle.connectors.codec.TimeParser;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.event.SourcePosition;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns each Kafka record into one {@link SourceRecord}, never failing on its content: a null value (a tombstone), an
 * empty value, a value over the size limit or one that is not UTF-8 becomes a record with {@code error} set, which
 * the decode step dead-letters with topic, partition and offset. The job never stops for data.
 *
 * <p>Every record leaves here with its event time in {@code timestamp}: the JSON time field's value
 * ({@link EventTimeSource#FIELD}; the Kafka record timestamp for a JSON object without the field) or the Kafka record
 * timestamp ({@link EventTimeSource#KAFKA}). The source's per-partition watermarks and the decode step both use that
 * one value, so they cannot disagree. A record that will be dead-lettered (an error, not a JSON object, a time field
 * that is not a time) has {@link SourceRecord#NO_TIMESTAMP}: it must not move event time.
 *
 * <p>{@code seq} packs the input's index and the partition into the source index ({@code input * 1024 + partition})
 * and the offset into the position, so records of one partition keep their Kafka order in event-time ties.
 */
public final class SourceRecordDeserializer implements KafkaRecordDeserializationSchema<SourceRecord> {
    /** Partitions per input that {@code seq} can tell apart; records of higher partitions are dead-lettered. */
    public static final int PARTITIONS_PER_INPUT = 1024;
    private static final int EXCERPT_BYTES = 1024;

    private final int inputIndex;
    private final Map<String, Integer> inputIndexByTopic;
    private final int maxRecordBytes;
    private final EventTimeSource eventTime;
    private final String timeField;
    private final TimeParser timeParser;
    private transient CharsetDecoder utf8;
    private transient JsonTimeField timeReader;

    /**
     * @param inputIndex     this input's index (0 impressions, 1 labels), for {@code seq}
     * @param maxRecordBytes longer values are dead-lettered
     * @param eventTime      where event time comes from
     * @param timeField      the JSON field holding event time, or null when values are not JSON lines
     */
    public SourceRecordDeserializer(int inputIndex, int maxRecordBytes, EventTimeSource eventTime, String timeField) {
        this(inputIndex, Map.of(), maxRecordBytes, eventTime, timeField);
    }

    /** The records of {@code input}, its time field read with its time syntax. */
    public SourceRecordDeserializer(KafkaInput input) {
        this(input.inputIndex(), Map.of(), input.maxRecordBytes(), input.eventTime(), input.timeField(),
                input.timeParser());
    }

    /**
     * One source over the topics of several inputs.
     *
     * @param inputIndexByTopic the input index of each topic; topics not in it are input {@code inputIndex}
     */
    public SourceRecordDeserializer(int inputIndex, Map<String, Integer> inputIndexByTopic, int maxRecordBytes,
                                    EventTimeSource eventTime, String timeField) {
        this(inputIndex, inputIndexByTopic, maxRecordBytes, eventTime, timeField, EventTimes.INSTANTS);
    }

    /**
     * One source over the topics of several inputs whose time field holds strings that {@code timeParser} reads.
     *
     * @param inputIndexByTopic the input index of each topic; topics not in it are input {@code inputIndex}
     */
    public SourceRecordDeserializer(int inputIndex, Map<String, Integer> inputIndexByTopic, int maxRecordBytes,
                                    EventTimeSource eventTime, String timeField, TimeParser timeParser) {
        checkIndex(inputIndex);
        inputIndexByTopic.values().forEach(SourceRecordDeserializer::checkIndex);
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException("--max-record-bytes must be > 0, got " + maxRecordBytes);
        }
        this.inputIndex = inputIndex;
        this.inputIndexByTopic = new HashMap<>(inputIndexByTopic);
        this.maxRecordBytes = maxRecordBytes;
        this.eventTime = eventTime;
        this.timeField = timeField;
        this.timeParser = timeParser;
    }

    private static void checkIndex(int index) {
        if (index < 0 || (index + 1) * PARTITIONS_PER_INPUT > 0x8000) {
            throw new IllegalArgumentException("input index out of range: " + index);
        }
    }

    /** The source index a record of {@code partition} of input {@code inputIndex} carries in its {@code seq}. */
    public static int sourceIndex(int inputIndex, int partition) {
        return inputIndex * PARTITIONS_PER_INPUT + partition;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceRecord> out) {
        out.collect(toSourceRecord(record));
    }

    /** The record as a {@link SourceRecord}; public for tests and tools. */
    public SourceRecord toSourceRecord(ConsumerRecord<byte[], byte[]> record) {
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            timeReader = timeField == null ? null : new JsonTimeField(timeField, timeParser);
        }
        String topic = record.topic();
        int partition = record.partition();
        long offset = record.offset();
        long kafkaTime = Math.max(0, record.timestamp());
        String key = record.key() == null ? null : lenient(record.key(), record.key().length);
        int input = inputIndexByTopic.isEmpty() ? inputIndex : inputIndexByTopic.getOrDefault(topic, inputIndex);
        long seq = SourcePosition.pack(sourceIndex(input, Math.min(partition, PARTITIONS_PER_INPUT - 1)), offset);
        byte[] value = record.value();
        String error = null;
        String text = null;
        if (partition >= PARTITIONS_PER_INPUT) {
            error = "partition " + partition + " is beyond the " + PARTITIONS_PER_INPUT + " partitions per topic that"
                    + " Riffle orders records by";
        } else if (value == null) {
            error = "null value (a tombstone" + (key == null ? "" : " for key '" + excerpt(key) + "'") + ")";
        } else if (value.length > maxRecordBytes) {
            error = "record is " + value.length + " bytes, longer than the limit of " + maxRecordBytes
                    + " bytes (--max-record-bytes)";
            text = lenient(value, EXCERPT_BYTES);
        } else if (value.length == 0) {
            error = "empty value";
        } else if (isAscii(value)) {
            // The common case, and a cheap one: ASCII is valid UTF-8 and makes a compact string directly.
            text = new String(value, StandardCharsets.ISO_8859_1);
        } else {
            try {
                text = utf8.decode(ByteBuffer.wrap(value)).toString();
            } catch (CharacterCodingException e) {
                error = "not valid UTF-8 text (binary data?)";
                text = lenient(value, EXCERPT_BYTES);
            }
        }
        if (error == null && text.isBlank()) {
            error = "value is blank";
        }
        long time = error != null ? SourceRecord.NO_TIMESTAMP : kafkaTime;
        if (error == null && eventTime == EventTimeSource.FIELD && timeReader != null) {
            long field = timeReader.read(value);
            if (field == JsonTimeField.INVALID) {
                time = SourceRecord.NO_TIMESTAMP;
            } else if (field != JsonTimeField.ABSENT) {
                time = field;
            }
        }
        return new SourceRecord(topic, partition, offset, seq, time, key, text == null ? "" : text, error);
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String lenient(byte[] bytes, int maxBytes) {
        return new String(bytes, 0, Math.min(bytes.length, maxBytes), StandardCharsets.UTF_8);
    }

    private static String excerpt(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    @Override
    public TypeInformation<SourceRecord> getProducedType() {
        return TypeInformation.of(SourceRecord.class);
    }
}
