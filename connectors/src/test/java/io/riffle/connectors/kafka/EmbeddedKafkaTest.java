package io.riffle.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {
    @TempDir
    Path dir;

    @Test
    void keepsTopicsAndCommittedRecordsAcrossARestart() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            try (KafkaCluster cluster = KafkaCluster.connect(kafka.bootstrapServers(), Map.of(),
                    Duration.ofSeconds(30))) {
                assertThat(cluster.brokers()).isEqualTo(1);
                assertThat(cluster.createMissing(Map.of("t", 2), Map.of())).containsExactly("t");
                assertThat(cluster.createMissing(Map.of("t", 2), Map.of())).isEmpty();
                assertThat(cluster.maxTransactionTimeoutMillis()).hasValue(900_000);
            }
            produce(kafka.bootstrapServers(), "t", 10);
            kafka.stop();
            kafka.restart();
            List<String> values = new ArrayList<>();
            long n = TopicReader.readCommitted(kafka.bootstrapServers(), Map.of(), "t", Map.of(),
                    Duration.ofSeconds(30), r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
            assertThat(n).isEqualTo(10);
            assertThat(values).containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
        }
    }

    @Test
    void anUnreachableBrokerIsNamedWithTheRetryPolicy() {
        assertThatThrownBy(() -> KafkaCluster.connect("localhost:1", Map.of(), Duration.ofSeconds(2)))
                .isInstanceOf(KafkaUnreachableException.class)
                .hasMessageContaining("localhost:1")
                .hasMessageContaining("--kafka-timeout")
                .hasMessageContaining("retried every 1 s");
    }

    static void produce(String bootstrap, String topic, int n) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, ("k" + i).getBytes(StandardCharsets.UTF_8),
                        ("v" + i).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }
}
