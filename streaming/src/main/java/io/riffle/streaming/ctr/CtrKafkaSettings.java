package io.riffle.streaming.ctr;

import io.riffle.connectors.kafka.KafkaInput;
import io.riffle.connectors.kafka.KafkaOutput;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a CTR job reads from and writes to Kafka.
 *
 * @param impressions          impressions (and, for JSON lines, label events too)
 * @param labels               label events from a second topic, or null
 * @param topics               output topics
 * @param output               cluster and exactly-once settings of the outputs
 * @param partitionIdleTimeout a partition without records for this long stops holding back event time (0: never)
 * @param kafkaTimeout         how long the job waits for the cluster to answer at start
 */
public record CtrKafkaSettings(
        KafkaInput impressions,
        KafkaInput labels,
        CtrTopics topics,
        KafkaOutput output,
        Duration partitionIdleTimeout,
        Duration kafkaTimeout) implements Serializable {

    public CtrKafkaSettings {
        if (partitionIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("--partition-idle-timeout must be >= 0, got " + partitionIdleTimeout);
        }
        if (kafkaTimeout.isNegative() || kafkaTimeout.isZero()) {
            throw new IllegalArgumentException("--kafka-timeout must be > 0, got " + kafkaTimeout);
        }
        if (impressions.inputIndex() != 0 || labels != null && labels.inputIndex() != 1) {
            throw new IllegalArgumentException("impressions are input 0 and labels input 1");
        }
    }

    /** Every input topic, impressions first. */
    public List<String> inputTopics() {
        List<String> all = new ArrayList<>(impressions.topics());
        if (labels != null) {
            all.addAll(labels.topics());
        }
        return all;
    }
}
