package io.riffle.tests.kafka;

import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.connectors.kafka.EventTimeSource;
import io.riffle.connectors.kafka.KafkaCluster;
import io.riffle.connectors.kafka.KafkaInput;
import io.riffle.connectors.kafka.KafkaOutput;
import io.riffle.connectors.kafka.KafkaStart;
import io.riffle.connectors.kafka.KafkaStop;
import io.riffle.connectors.kafka.TopicReader;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.features.FeatureSpace;
import io.riffle.operators.ctr.ScoringMode;
import io.riffle.streaming.ctr.CtrJobConfig;
import io.riffle.streaming.ctr.CtrKafkaJob;
import io.riffle.streaming.ctr.CtrKafkaSettings;
import io.riffle.streaming.ctr.CtrOutputs;
import io.riffle.streaming.ctr.CtrPipeline;
import io.riffle.streaming.ctr.CtrStreams;
import io.riffle.streaming.ctr.CtrTopics;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Data, topics and job settings shared by the Kafka integration tests. */
final class KafkaTestSupport {
    static final long T0 = 1_790_000_000_000L;
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private KafkaTestSupport() {}

    /** One input record: where it goes and what it says. */
    record Event(String id, long time, boolean impression, String json) {}

    /**
     * {@code n} impressions 10 ms apart and a click label 505 ms after about a third of them, in time order, seeded.
     * Every example time is unique (clicks at 5 mod 10 ms, window-expired negatives at 0 mod 10 ms), so learning order
     * never depends on how ties are broken, and replays from different sources can be compared record for record.
     */
    static List<Event> clicks(int n, long seed) {
        Random random = new Random(seed);
        List<Event> impressions = new ArrayList<>();
        List<Event> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "e" + i;
            long t = T0 + 10L * i;
            int site = random.nextInt(20);
            int ad = random.nextInt(50);
            int device = random.nextInt(3);
            impressions.add(new Event(id, t, true, "{\"id\":\"" + id + "\",\"time\":" + t + ",\"features\":{\"site\":\"s"
                    + site + "\",\"ad\":\"a" + ad + "\",\"device\":\"d" + device + "\"},\"numeric\":{\"bid\":"
                    + (0.1 + random.nextInt(10) / 10.0) + "}}"));
            double p = 0.05 + (site % 5) * 0.08 + (device == 1 ? 0.1 : 0);
            if (random.nextDouble() < p) {
                long lt = t + 505;
                labels.add(new Event(id, lt, false, "{\"id\":\"" + id + "\",\"time\":" + lt + ",\"label\":1}"));
            }
        }
        List<Event> all = new ArrayList<>(impressions.size() + labels.size());
        int j = 0;
        for (Event e : impressions) {
            while (j < labels.size() && labels.get(j).time() < e.time()) {
                all.add(labels.get(j++));
            }
            all.add(e);
        }
        while (j < labels.size()) {
            all.add(labels.get(j++));
        }
        return all;
    }

    static CtrJobConfig config(ScoringMode mode) {
        return config(mode, 1);
    }

    /** The test CTR job with decoding, featurizing and scoring at {@code parallelism}. */
    static CtrJobConfig config(ScoringMode mode, int parallelism) {
        return new CtrJobConfig("ctr", new FtrlParams(0.1, 1, 0, 1), new FeatureSpace(14, List.of(), 0),
                CtrCodecSpec.of(CtrFormat.JSONL), true, 1000, -1, 1000, 100, mode, 0, 1000, 1000, 0, parallelism,
                null);
    }

    /**
     * Starts the CTR job on a MiniCluster with {@code probe} (named {@code probeUid}) after the impressions source,
     * for a test that injects a failure or watches checkpoints; returns once the job is submitted.
     */
    static JobClient startCtrJob(CtrJobConfig config, CtrKafkaSettings settings, CtrOutputs outputs,
                                 RuntimeSettings runtime, MapFunction<SourceRecord, SourceRecord> probe,
                                 String probeUid, String probeName, String jobName) throws Exception {
        StreamExecutionEnvironment env = FlinkSetup.environment(runtime);
        env.setParallelism(1);
        DataStream<SourceRecord> impressionRecords = CtrKafkaJob.read(env, config, settings.impressions(),
                        Duration.ZERO, "impressions")
                .map(probe).uid(probeUid).name(probeName).setParallelism(config.parallelism());
        DataStream<SourceRecord> labelRecords = CtrKafkaJob.read(env, config, settings.labels(), Duration.ZERO,
                "labels");
        CtrStreams streams = CtrPipeline.build(config, impressionRecords, labelRecords,
                CtrKafkaJob.sourceNames(settings), true);
        CtrKafkaJob.writeOutputs(streams, config, settings, outputs);
        return env.executeAsync(jobName);
    }

    static KafkaInput input(String bootstrap, String topic, int index, KafkaStart start, KafkaStop stop) {
        return new KafkaInput(bootstrap, List.of(topic), index, "riffle-test-" + topic, start, stop,
                EventTimeSource.FIELD, "time", 1 << 20, Map.of());
    }

    /**
     * Sends click events to {@code prefix.impressions} and {@code prefix.labels}, each to the partition its id hashes
     * to, with its event time as the record's timestamp.
     */
    static void produceClicks(String bootstrap, String prefix, List<Event> events, int impressionPartitions,
                              int labelPartitions) {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (Event e : events) {
                String topic = prefix + (e.impression() ? ".impressions" : ".labels");
                int partitions = e.impression() ? impressionPartitions : labelPartitions;
                send(producer, topic, partitionOf(e.id(), partitions), e.time(), e.id(),
                        e.json().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    static CtrKafkaSettings settings(KafkaInput impressions, KafkaInput labels, String prefix) {
        return new CtrKafkaSettings(impressions, labels, new CtrTopics(prefix + ".predictions", prefix + ".metrics",
                prefix + ".dead-letters", prefix + ".model-versions"),
                new KafkaOutput(impressions.bootstrapServers(), "riffle-test-" + prefix, Duration.ofMinutes(5),
                        Map.of()),
                Duration.ofMinutes(5), Duration.ofSeconds(30));
    }

    static void createTopics(String bootstrap, Map<String, Integer> partitions) {
        try (KafkaCluster cluster = KafkaCluster.connect(bootstrap, Map.of(), Duration.ofSeconds(30))) {
            cluster.createMissing(partitions, Map.of("retention.ms", "-1"));
        }
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props);
    }

    /** Sends {@code value} (null for a tombstone) to an explicit partition, with the given timestamp. */
    static void send(KafkaProducer<byte[], byte[]> producer, String topic, int partition, long timestamp, String key,
                     byte[] value) {
        producer.send(new ProducerRecord<>(topic, partition, timestamp,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value));
    }

    static int partitionOf(String id, int partitions) {
        return Math.floorMod(id.hashCode(), partitions);
    }

    /** Values of every committed record of {@code topic}, as a read_committed consumer sees them. */
    static List<String> committedValues(String bootstrap, String topic) {
        List<String> values = new ArrayList<>();
        TopicReader.readCommitted(bootstrap, Map.of(), topic, Map.of(), TIMEOUT,
                r -> values.add(r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8)));
        return values;
    }

    /** Keys of every committed record of {@code topic}. */
    static List<String> committedKeys(String bootstrap, String topic) {
        List<String> keys = new ArrayList<>();
        TopicReader.readCommitted(bootstrap, Map.of(), topic, Map.of(), TIMEOUT,
                r -> keys.add(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8)));
        return keys;
    }

    static TopicPartition tp(String topic, int partition) {
        return new TopicPartition(topic, partition);
    }
}
