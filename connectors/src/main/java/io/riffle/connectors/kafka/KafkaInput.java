package io.riffle.connectors.kafka;

import io.riffle.connectors.codec.EventTimes;
import io.riffle.connectors.codec.TimeParser;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Kafka input of a job: which cluster and topics, where to start and stop, and how to read records.
 *
 * @param bootstrapServers {@code host:port,…}
 * @param topics           the input's topic (exactly one: records are ordered by input, partition and offset)
 * @param inputIndex       the input's index (0 impressions, 1 labels): orders records of different inputs
 * @param groupId          consumer group; offsets are committed to it on every completed checkpoint
 * @param start            where to start when the job does not resume from a checkpoint
 * @param stop             where to stop; {@link KafkaStop#NEVER} for a live job
 * @param eventTime        where event time comes from
 * @param timeField        the JSON field holding event time, or null when values are not JSON lines
 * @param maxRecordBytes   longer values are dead-lettered
 * @param clientProperties extra Kafka client properties (security, timeouts), applied last
 * @param timeParser       how the time field reads when it is a string: the family codec's own rule
 */
public record KafkaInput(
        String bootstrapServers,
        List<String> topics,
        int inputIndex,
        String groupId,
        KafkaStart start,
        KafkaStop stop,
        EventTimeSource eventTime,
        String timeField,
        int maxRecordBytes,
        Map<String, String> clientProperties,
        TimeParser timeParser) implements Serializable {

    /** An input whose time field holds epoch milliseconds or ISO-8601 instants (CTR records). */
    public KafkaInput(String bootstrapServers, List<String> topics, int inputIndex, String groupId, KafkaStart start,
                      KafkaStop stop, EventTimeSource eventTime, String timeField, int maxRecordBytes,
                      Map<String, String> clientProperties) {
        this(bootstrapServers, topics, inputIndex, groupId, start, stop, eventTime, timeField, maxRecordBytes,
                clientProperties, EventTimes.INSTANTS);
    }

    public KafkaInput {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-servers is required with --source kafka");
        }
        if (topics == null || topics.size() != 1 || topics.get(0) == null || topics.get(0).isBlank()) {
            // One topic per input: a record's place in the total order is (input, partition, offset), and two
            // topics of one input would share it.
            throw new IllegalArgumentException("a Kafka input reads one topic, got " + topics);
        }
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("--group-id must not be empty");
        }
        if (timeParser == null) {
            throw new IllegalArgumentException("a Kafka input needs the time syntax of its records");
        }
        topics = List.copyOf(topics);
        clientProperties = clientProperties == null ? Map.of() : new TreeMap<>(clientProperties);
    }

    public String topicList() {
        return String.join(",", topics);
    }
}
