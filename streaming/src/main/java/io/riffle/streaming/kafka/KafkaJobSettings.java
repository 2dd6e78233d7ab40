package io.riffle.streaming.kafka;

import io.riffle.connectors.kafka.KafkaInput;
import io.riffle.connectors.kafka.KafkaOutput;
import java.io.Serializable;
import java.time.Duration;

/**
 * How a job with one input (reservoir, graph) reads from and writes to Kafka. (The CTR job, with its optional second
 * input of labels, has {@code CtrKafkaSettings}.)
 *
 * @param input                the input topic(s), read as input 0
 * @param topics               output topics
 * @param output               cluster and exactly-once settings of the outputs
 * @param partitionIdleTimeout a partition without records for this long stops holding back event time (0: never)
 * @param kafkaTimeout         how long the job waits for the cluster to answer at start
 */
public record KafkaJobSettings(
        KafkaInput input,
        OutputTopics topics,
        KafkaOutput output,
        Duration partitionIdleTimeout,
        Duration kafkaTimeout) implements Serializable {

    public KafkaJobSettings {
        if (input == null || topics == null || output == null) {
            throw new IllegalArgumentException("a Kafka job needs its input, output topics and output settings");
        }
        if (partitionIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("--partition-idle-timeout must be >= 0, got " + partitionIdleTimeout);
        }
        if (kafkaTimeout.isNegative() || kafkaTimeout.isZero()) {
            throw new IllegalArgumentException("--kafka-timeout must be > 0, got " + kafkaTimeout);
        }
        if (input.inputIndex() != 0) {
            throw new IllegalArgumentException("the one input of a job is input 0, got " + input.inputIndex());
        }
    }
}
