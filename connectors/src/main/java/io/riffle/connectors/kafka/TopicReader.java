package io.riffle.connectors.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic the way a downstream consumer of Riffle's outputs does ({@code isolation.level=read_committed}), from
 * given offsets to the end offsets at the time of the call. Summaries count the predictions a run committed with it;
 * tests check exactly-once delivery with it.
 */
public final class TopicReader {
    private TopicReader() {}

    /**
     * Passes every committed record of {@code topic} from {@code from} (the beginning for partitions not in it) up to
     * the current end to {@code visitor}, partition by partition in offset order.
     *
     * @return the number of records read
     * @throws IllegalStateException if the end is not reached within {@code timeout}
     */
    public static long readCommitted(String bootstrapServers, Map<String, String> clientProperties, String topic,
                                     Map<TopicPartition, Long> from, Duration timeout,
                                     Consumer<ConsumerRecord<byte[], byte[]>> visitor) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        if (clientProperties != null) {
            props.putAll(clientProperties);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            if (partitions.isEmpty()) {
                return 0;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            for (TopicPartition tp : partitions) {
                Long start = from == null ? null : from.get(tp);
                if (start == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, start);
                }
            }
            while (true) {
                boolean done = true;
                for (TopicPartition tp : partitions) {
                    if (consumer.position(tp, timeout) < end.get(tp)) {
                        done = false;
                        break;
                    }
                }
                if (done) {
                    return count;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " on " + bootstrapServers + " did not reach"
                            + " its end offsets " + end + " within " + KafkaCluster.describe(timeout));
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        visitor.accept(record);
                        count++;
                    }
                }
            }
        }
    }
}
