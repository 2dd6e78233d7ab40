package io.riffle.tests.kafka;

import static io.riffle.tests.kafka.KafkaTestSupport.clicks;
import static io.riffle.tests.kafka.KafkaTestSupport.committedKeys;
import static io.riffle.tests.kafka.KafkaTestSupport.committedValues;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.riffle.streaming.runtime.Checkpoints;
import io.riffle.streaming.runtime.RuntimeSettings;
import io.riffle.tests.kafka.KafkaTestSupport.Event;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across a rescale. The CTR job reads the first half of the input at parallelism 1 and is cancelled once
 * a checkpoint has committed its predictions (the checkpoint is retained); a job at parallelism 2 resumes from that
 * checkpoint, with its model versions and impressions in flight, and reads the second half. Both scorers of the resumed
 * job start from the restored model (README, unaligned checkpoints and model versions in sequence).
 */
class KafkaRescaleITCase {
    private static final int IMPRESSIONS = 2000;
    private static final int IMPRESSION_PARTITIONS = 3;
    private static final int LABEL_PARTITIONS = 2;

    @TempDir
    static Path brokerDir;
    static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start(brokerDir.resolve("kafka"), 0);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void aJobResumedAtTwiceTheParallelismPredictsEveryImpressionExactlyOnce() throws Exception {
        String bootstrap = kafka.bootstrapServers();
        KafkaTestSupport.createTopics(bootstrap, Map.of("rs.impressions", IMPRESSION_PARTITIONS, "rs.labels",
                LABEL_PARTITIONS));
        List<Event> events = clicks(IMPRESSIONS, 11);
        List<Event> firstHalf = events.subList(0, events.size() / 2);
        List<String> ids = events.stream().filter(Event::impression).map(Event::id).toList();
        Set<String> secondHalfIds = events.subList(events.size() / 2, events.size()).stream()
                .filter(Event::impression).map(Event::id).collect(Collectors.toSet());
        long firstHalfImpressions = firstHalf.stream().filter(Event::impression).count();
        CtrOutputs outputs = new CtrOutputs(dir.resolve("out"));
        RuntimeSettings first = new RuntimeSettings(dir.resolve("state"), Duration.ofMillis(200), null, 0);

        // Unbounded, as live jobs run: a bounded Kafka source restored from a retained checkpoint never finishes
        // (FLINK-31006: its restored enumerator never tells the readers there are no more splits).
        CtrKafkaSettings settings = unboundedSettings(bootstrap);
        produce(bootstrap, firstHalf);
        CtrKafkaRun.check(new CtrKafkaRun.Request(KafkaTestSupport.config(ScoringMode.LATEST, 1), settings, outputs,
                first));
        JobClient atOne = start(KafkaTestSupport.config(ScoringMode.LATEST, 1), settings, outputs, first);
        awaitCommitted(bootstrap, firstHalfImpressions);
        atOne.cancel().get(1, TimeUnit.MINUTES);
        assertThat(committedKeys(bootstrap, "rs.predictions")).as("committed at parallelism 1")
                .hasSize((int) firstHalfImpressions);
        Path checkpoint = Checkpoints.latest(first.checkpointDir()).orElseThrow();

        produce(bootstrap, events.subList(events.size() / 2, events.size()));
        RuntimeSettings resumed = new RuntimeSettings(dir.resolve("state"), Duration.ofMillis(200), checkpoint, 0);
        JobClient atTwo = start(KafkaTestSupport.config(ScoringMode.LATEST, 2), settings, outputs, resumed);
        awaitCommitted(bootstrap, IMPRESSIONS);
        atTwo.cancel().get(1, TimeUnit.MINUTES);

        List<String> keys = committedKeys(bootstrap, "rs.predictions");
        assertThat(keys).hasSize(IMPRESSIONS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        ObjectMapper json = new ObjectMapper();
        List<Long> versions = new ArrayList<>();
        for (String v : committedValues(bootstrap, "rs.model-versions")) {
            versions.add(json.readTree(v).path("version").asLong());
        }
        assertThat(versions).isNotEmpty().doesNotHaveDuplicates().isSorted();
        // Both scorers of the resumed job start from the restored model: no prediction after the rescale is made
        // without one (version -1).
        List<Long> versionsAfterRescale = new ArrayList<>();
        for (String v : committedValues(bootstrap, "rs.predictions")) {
            var prediction = json.readTree(v);
            if (secondHalfIds.contains(prediction.path("id").asText())) {
                versionsAfterRescale.add(prediction.path("modelVersion").asLong());
            }
        }
        assertThat(versionsAfterRescale).hasSize(secondHalfIds.size()).allMatch(version -> version > 0);
    }

    /** Waits (up to two minutes) until {@code count} predictions are committed. */
    private static void awaitCommitted(String bootstrap, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (committedKeys(bootstrap, "rs.predictions").size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    private static CtrKafkaSettings unboundedSettings(String bootstrap) {
        KafkaInput impressions = KafkaTestSupport.input(bootstrap, "rs.impressions", 0, KafkaStart.EARLIEST,
                KafkaStop.NEVER);
        KafkaInput labels = KafkaTestSupport.input(bootstrap, "rs.labels", 1, KafkaStart.EARLIEST, KafkaStop.NEVER);
        return KafkaTestSupport.settings(impressions, labels, "rs");
    }

    private static JobClient start(CtrJobConfig config, CtrKafkaSettings settings, CtrOutputs outputs,
                                   RuntimeSettings runtime) throws Exception {
        return KafkaTestSupport.startCtrJob(config, settings, outputs, runtime, new Identity(), "identity",
                "identity", "rescale at parallelism " + config.parallelism());
    }

    private static void produce(String bootstrap, List<Event> events) {
        KafkaTestSupport.produceClicks(bootstrap, "rs", events, IMPRESSION_PARTITIONS, LABEL_PARTITIONS);
    }

    /** The same operator, with the same uid, in both jobs. */
    static final class Identity implements MapFunction<SourceRecord, SourceRecord> {
        @Override
        public SourceRecord map(SourceRecord record) {
            return record;
        }
    }
}
