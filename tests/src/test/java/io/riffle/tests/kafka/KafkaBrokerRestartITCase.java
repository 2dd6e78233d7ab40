package io.riffle.tests.kafka;

import static io.riffle.tests.kafka.KafkaTestSupport.clicks;
import static io.riffle.tests.kafka.KafkaTestSupport.committedKeys;
import static io.riffle.tests.kafka.KafkaTestSupport.partitionOf;
import static io.riffle.tests.kafka.KafkaTestSupport.tp;
import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.connectors.kafka.EmbeddedKafka;
import io.riffle.connectors.kafka.KafkaInput;
import io.riffle.connectors.kafka.KafkaStart;
import io.riffle.connectors.kafka.KafkaStop;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.operators.ctr.ScoringMode;
import io.riffle.streaming.ctr.CtrJobConfig;
import io.riffle.streaming.ctr.CtrKafkaRun;
import io.riffle.streaming.ctr.CtrKafkaSettings;
import io.riffle.streaming.ctr.CtrOutputs;
import io.riffle.streaming.runtime.RuntimeSettings;
import io.riffle.tests.kafka.KafkaTestSupport.Event;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker is stopped and started again while the job runs (after a completed checkpoint, with input still to
 * come): the job rides it out (client retries, or a restart from its last checkpoint) and every impression is still
 * predicted exactly once.
 */
class KafkaBrokerRestartITCase {
    private static final int IMPRESSIONS = 2000;

    @TempDir
    Path dir;

    @Test
    void aBrokerRestartMidRunLosesAndDuplicatesNothing() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            String bootstrap = kafka.bootstrapServers();
            KafkaTestSupport.createTopics(bootstrap, Map.of("restart.impressions", 2, "restart.labels", 1));
            List<Event> events = clicks(IMPRESSIONS, 5);
            Map<TopicPartition, Long> impressionEnds = new HashMap<>();
            Map<TopicPartition, Long> labelEnds = new HashMap<>();
            List<String> ids = new ArrayList<>();
            for (Event e : events) {
                if (e.impression()) {
                    ids.add(e.id());
                    impressionEnds.merge(tp("restart.impressions", partitionOf(e.id(), 2)), 1L, Long::sum);
                } else {
                    labelEnds.merge(tp("restart.labels", 0), 1L, Long::sum);
                }
            }
            KafkaInput impressions = KafkaTestSupport.input(bootstrap, "restart.impressions", 0,
                    KafkaStart.EARLIEST, KafkaStop.atOffsets(impressionEnds));
            KafkaInput labels = KafkaTestSupport.input(bootstrap, "restart.labels", 1, KafkaStart.EARLIEST,
                    KafkaStop.atOffsets(labelEnds));
            CtrKafkaSettings settings = KafkaTestSupport.settings(impressions, labels, "restart");
            CtrJobConfig config = KafkaTestSupport.config(ScoringMode.LATEST);
            CtrOutputs outputs = new CtrOutputs(dir.resolve("out"));
            RuntimeSettings runtime = new RuntimeSettings(dir.resolve("state"), Duration.ofMillis(300), null, 10);
            CtrKafkaRun.check(new CtrKafkaRun.Request(config, settings, outputs, runtime));
            produce(bootstrap, events.subList(0, events.size() / 2));

            JobClient job = KafkaTestSupport.startCtrJob(config, settings, outputs, runtime, new CheckpointSeen(),
                    "checkpoint-seen", "checkpoint seen", "broker restart");

            assertThat(CheckpointSeen.COMPLETED.await(2, TimeUnit.MINUTES)).as("a checkpoint completed").isTrue();
            kafka.stop();
            kafka.restart();
            produce(bootstrap, events.subList(events.size() / 2, events.size()));
            job.getJobExecutionResult().get(4, TimeUnit.MINUTES);

            assertThat(committedKeys(bootstrap, "restart.predictions")).hasSize(IMPRESSIONS).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    private static void produce(String bootstrap, List<Event> events) {
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
            for (Event e : events) {
                String topic = e.impression() ? "restart.impressions" : "restart.labels";
                int partition = e.impression() ? partitionOf(e.id(), 2) : 0;
                KafkaTestSupport.send(producer, topic, partition, e.time(), e.id(),
                        e.json().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Lets the test wait for the first completed checkpoint. */
    static final class CheckpointSeen implements MapFunction<SourceRecord, SourceRecord>, CheckpointListener {
        static final CountDownLatch COMPLETED = new CountDownLatch(1);

        @Override
        public SourceRecord map(SourceRecord record) {
            return record;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            COMPLETED.countDown();
        }
    }
}
