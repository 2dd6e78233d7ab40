package io.riffle.tests.kafka;

import static io.riffle.tests.kafka.KafkaTestSupport.committedKeys;
import static io.riffle.tests.kafka.KafkaTestSupport.committedValues;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riffle.connectors.kafka.EmbeddedKafka;
import io.riffle.connectors.kafka.EventTimeSource;
import io.riffle.connectors.kafka.KafkaInput;
import io.riffle.connectors.kafka.KafkaStart;
import io.riffle.connectors.kafka.KafkaStop;
import io.riffle.operators.ctr.ScoringMode;
import io.riffle.streaming.ctr.CtrKafkaRun;
import io.riffle.streaming.ctr.CtrKafkaSettings;
import io.riffle.streaming.ctr.CtrOutputs;
import io.riffle.streaming.ctr.CtrSummary;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through Kafka never stops the job: each bad record is dead-lettered, to the dead-letters topic and to
 * {@code dead-letters.jsonl}, with its reason, topic, partition and offset; the good records around it are scored.
 */
class KafkaBadInputITCase {
    private static final long T = KafkaTestSupport.T0;

    @TempDir
    Path dir;

    @Test
    void everyKindOfBadRecordIsDeadLetteredWithItsReasonAndPosition() throws Exception {
        List<byte[]> values = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        add(values, keys, "a", "{\"id\":\"a\",\"time\":" + T + ",\"features\":{\"site\":\"s1\"}}");
        add(values, keys, null, "not json at all");
        add(values, keys, "b", "{\"id\":\"b\",\"time\":" + (T + 10) + ",\"features\":[\"s1\"]}");
        add(values, keys, null, "{\"time\":" + (T + 20) + ",\"features\":{\"site\":\"s1\"}}");
        add(values, keys, "c", "{\"id\":\"c\",\"time\":" + (T + 30) + ",\"features\":{\"site\":\"s1\"},"
                + "\"numeric\":{\"bid\":NaN}}");
        add(values, keys, "d", "{\"id\":\"d\",\"time\":" + (T + 40) + ",\"features\":{\"site\":\"s1\"},"
                + "\"numeric\":{\"bid\":1e999}}");
        add(values, keys, "e", "{\"id\":\"e\",\"time\":" + (T + 50) + ",\"features\":{\"site\":\"" + "x".repeat(2000)
                + "\"}}");
        add(values, keys, "f", "{\"id\":\"f\",\"time\":" + (T + 60) + ",\"features\":{\"site\":\"s1\"},\"color\":1}");
        add(values, keys, "g", "{\"id\":null,\"time\":" + (T + 70) + ",\"features\":{\"site\":\"s1\"}}");
        keys.add("h");
        values.add(null);
        keys.add(null);
        values.add(new byte[] {'{', (byte) 0xc3, (byte) 0x28, '}'});
        keys.add(null);
        values.add(new byte[0]);
        add(values, keys, "z", "{\"id\":\"z\",\"time\":" + (T + 100) + ",\"features\":{\"site\":\"s2\"}}");
        List<String> reasons = List.of("not valid JSON", "\"features\" must be an object", "missing \"id\"",
                "not valid JSON", "numeric.bid is not finite", "longer than the limit of 1024 bytes",
                "unknown field \"color\"", "\"id\" must be a non-empty string", "null value (a tombstone for key 'h')",
                "not valid UTF-8", "empty value");

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            String bootstrap = kafka.bootstrapServers();
            KafkaTestSupport.createTopics(bootstrap, Map.of("bad.impressions", 1));
            try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
                for (int i = 0; i < values.size(); i++) {
                    KafkaTestSupport.send(producer, "bad.impressions", 0, T + 10L * i, keys.get(i), values.get(i));
                }
            }
            KafkaInput input = new KafkaInput(bootstrap, List.of("bad.impressions"), 0, "bad", KafkaStart.EARLIEST,
                    KafkaStop.END, EventTimeSource.FIELD, "time", 1024, Map.of());
            CtrKafkaSettings settings = KafkaTestSupport.settings(input, null, "bad");
            CtrOutputs out = new CtrOutputs(dir.resolve("out"));
            CtrSummary summary = CtrKafkaRun.run(new CtrKafkaRun.Request(KafkaTestSupport.config(
                    ScoringMode.EVENT_TIME), settings, out, new RuntimeSettings(dir.resolve("state"),
                    Duration.ofSeconds(1), null, 0)), null);

            assertThat(committedKeys(bootstrap, "bad.predictions")).containsExactly("a", "z");
            List<String> deadLetters = committedValues(bootstrap, "bad.dead-letters");
            assertThat(deadLetters).containsExactlyElementsOf(Files.readAllLines(out.deadLetters()));
            assertThat(deadLetters).hasSize(reasons.size());
            ObjectMapper json = new ObjectMapper();
            for (int i = 0; i < reasons.size(); i++) {
                JsonNode d = json.readTree(deadLetters.get(i));
                assertThat(d.path("source").asText()).isEqualTo("bad.impressions");
                assertThat(d.path("partition").asInt()).isZero();
                assertThat(d.path("position").asLong()).as("offset of %s", d).isEqualTo(i + 1);
                assertThat(d.path("reason").asText()).contains(reasons.get(i));
            }
            assertThat(summary.predictions()).isEqualTo(2);
            assertThat(summary.deadLetters()).isEqualTo(reasons.size());
            assertThat(summary.events()).isEqualTo(2 + reasons.size());
        }
    }

    private static void add(List<byte[]> values, List<String> keys, String key, String value) {
        keys.add(key);
        values.add(value.getBytes(StandardCharsets.UTF_8));
    }
}
