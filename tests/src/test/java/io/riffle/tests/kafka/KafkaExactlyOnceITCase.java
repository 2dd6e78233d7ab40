package io.riffle.tests.kafka;

import static io.riffle.tests.kafka.KafkaTestSupport.clicks;
import static io.riffle.tests.kafka.KafkaTestSupport.committedKeys;
import static io.riffle.tests.kafka.KafkaTestSupport.committedValues;
import static io.riffle.tests.kafka.KafkaTestSupport.partitionOf;
import static io.riffle.tests.kafka.KafkaTestSupport.tp;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * N impressions and their labels in through the in-process broker, exactly N predictions out as a read_committed
 * consumer sees them, across an injected task failure and a restart from the last completed checkpoint.
 *
 * <p>The input is produced in two halves. The job (bounded at the final offsets, so it ends by itself) fails once, on
 * the first record it reads after a checkpoint has completed; the second half is produced only after that checkpoint,
 * so the failure always comes after a completed checkpoint and before the end. Records written after the checkpoint
 * were in a transaction that the restart aborts; the restarted job writes them again in a new one. A second test
 * does the same across a rescale.
 */
class KafkaExactlyOnceITCase {
    private static final int IMPRESSIONS = 3000;
    private static final int RESCALE_IMPRESSIONS = 2000;
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
    void everyImpressionIsPredictedExactlyOnceAcrossAFailureAndARestartFromCheckpoint() throws Exception {
        String bootstrap = kafka.bootstrapServers();
        KafkaTestSupport.createTopics(bootstrap, Map.of("eo.impressions", IMPRESSION_PARTITIONS, "eo.labels",
                LABEL_PARTITIONS));
        List<Event> events = clicks(IMPRESSIONS, 7);
        List<String> ids = events.stream().filter(Event::impression).map(Event::id).toList();
        CtrKafkaSettings settings = boundedAtTheEndOf(events, bootstrap, "eo");
        CtrJobConfig config = KafkaTestSupport.config(ScoringMode.EVENT_TIME);
        CtrOutputs outputs = new CtrOutputs(dir.resolve("out"));
        RuntimeSettings runtime = new RuntimeSettings(dir.resolve("state"), Duration.ofMillis(200), null, 3);
        CtrKafkaRun.check(new CtrKafkaRun.Request(config, settings, outputs, runtime));

        produce(bootstrap, events.subList(0, events.size() / 2));

        JobClient job = KafkaTestSupport.startCtrJob(config, settings, outputs, runtime,
                new FailOnceAfterACheckpoint(), "fail-once", "fail once after a checkpoint",
                "exactly once through Kafka");

        assertThat(FailOnceAfterACheckpoint.CHECKPOINTED.await(2, TimeUnit.MINUTES))
                .as("a checkpoint completed").isTrue();
        produce(bootstrap, events.subList(events.size() / 2, events.size()));
        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);

        assertThat(FailOnceAfterACheckpoint.FAILED.get()).as("the failure was injected").isTrue();
        List<String> keys = committedKeys(bootstrap, "eo.predictions");
        assertThat(keys).hasSize(IMPRESSIONS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(committedVersions(bootstrap, "eo.model-versions")).isNotEmpty().doesNotHaveDuplicates()
                .isSorted();
    }

    /**
     * Exactly once across a rescale, up and down, and a bounded job that finishes when resumed. The job, bounded at the
     * final offsets, reads the first half of the input at one parallelism and is cancelled once a checkpoint has
     * committed its predictions (the checkpoint is retained); a job at the other parallelism resumes from that
     * checkpoint, with its model versions and impressions in flight, reads the second half and ends by itself
     * (FLINK-31006: Flink's Kafka source, restored, never would; {@code BoundedKafkaSource}). Every scorer of the
     * resumed job starts from the restored model (README, unaligned checkpoints and model versions in sequence).
     */
    @ParameterizedTest(name = "parallelism {0} -> {1}")
    @CsvSource({"1, 2", "2, 1"})
    void aBoundedJobResumedAtAnotherParallelismPredictsEveryImpressionExactlyOnceAndFinishes(int before, int after)
            throws Exception {
        String bootstrap = kafka.bootstrapServers();
        String prefix = "rs" + before + after;
        KafkaTestSupport.createTopics(bootstrap, Map.of(prefix + ".impressions", IMPRESSION_PARTITIONS,
                prefix + ".labels", LABEL_PARTITIONS));
        List<Event> events = clicks(RESCALE_IMPRESSIONS, 11);
        List<Event> firstHalf = events.subList(0, events.size() / 2);
        List<String> ids = events.stream().filter(Event::impression).map(Event::id).toList();
        Set<String> secondHalfIds = events.subList(events.size() / 2, events.size()).stream()
                .filter(Event::impression).map(Event::id).collect(Collectors.toSet());
        long firstHalfImpressions = firstHalf.stream().filter(Event::impression).count();
        CtrOutputs outputs = new CtrOutputs(dir.resolve("out"));
        RuntimeSettings first = new RuntimeSettings(dir.resolve("state"), Duration.ofMillis(200), null, 0);
        CtrKafkaSettings settings = boundedAtTheEndOf(events, bootstrap, prefix);
        KafkaTestSupport.produceClicks(bootstrap, prefix, firstHalf, IMPRESSION_PARTITIONS, LABEL_PARTITIONS);
        CtrKafkaRun.check(new CtrKafkaRun.Request(KafkaTestSupport.config(ScoringMode.LATEST, before), settings,
                outputs, first));
        JobClient firstJob = start(KafkaTestSupport.config(ScoringMode.LATEST, before), settings, outputs, first);
        awaitCommitted(bootstrap, prefix + ".predictions", firstHalfImpressions);
        firstJob.cancel().get(1, TimeUnit.MINUTES);
        assertThat(committedKeys(bootstrap, prefix + ".predictions")).as("committed at parallelism " + before)
                .hasSize((int) firstHalfImpressions);
        Path checkpoint = Checkpoints.latest(first.checkpointDir()).orElseThrow();

        KafkaTestSupport.produceClicks(bootstrap, prefix, events.subList(events.size() / 2, events.size()),
                IMPRESSION_PARTITIONS, LABEL_PARTITIONS);
        RuntimeSettings resumed = new RuntimeSettings(dir.resolve("state"), Duration.ofMillis(200), checkpoint, 0);
        JobClient resumedJob = start(KafkaTestSupport.config(ScoringMode.LATEST, after), settings, outputs, resumed);
        resumedJob.getJobExecutionResult().get(3, TimeUnit.MINUTES);

        List<String> keys = committedKeys(bootstrap, prefix + ".predictions");
        assertThat(keys).hasSize(RESCALE_IMPRESSIONS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(committedVersions(bootstrap, prefix + ".model-versions")).isNotEmpty().doesNotHaveDuplicates()
                .isSorted();
        ObjectMapper json = new ObjectMapper();
        // Every scorer of the resumed job starts from the restored model: no prediction after the rescale is made
        // without one (version -1).
        List<Long> versionsAfterRescale = new ArrayList<>();
        for (String v : committedValues(bootstrap, prefix + ".predictions")) {
            var prediction = json.readTree(v);
            if (secondHalfIds.contains(prediction.path("id").asText())) {
                versionsAfterRescale.add(prediction.path("modelVersion").asLong());
            }
        }
        assertThat(versionsAfterRescale).hasSize(secondHalfIds.size()).allMatch(version -> version > 0);
    }

    /** The versions of the model-version records committed to {@code topic}, in topic order. */
    private static List<Long> committedVersions(String bootstrap, String topic) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Long> versions = new ArrayList<>();
        for (String v : committedValues(bootstrap, topic)) {
            versions.add(json.readTree(v).path("version").asLong());
        }
        return versions;
    }

    /** Waits (up to two minutes) until {@code count} predictions are committed to {@code topic}. */
    private static void awaitCommitted(String bootstrap, String topic, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (committedKeys(bootstrap, topic).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /** Settings of a job that reads {@code PREFIX.impressions} and {@code PREFIX.labels} up to the last of events. */
    private static CtrKafkaSettings boundedAtTheEndOf(List<Event> events, String bootstrap, String prefix) {
        Map<TopicPartition, Long> impressionEnds = new HashMap<>();
        Map<TopicPartition, Long> labelEnds = new HashMap<>();
        for (Event e : events) {
            if (e.impression()) {
                impressionEnds.merge(tp(prefix + ".impressions", partitionOf(e.id(), IMPRESSION_PARTITIONS)), 1L,
                        Long::sum);
            } else {
                labelEnds.merge(tp(prefix + ".labels", partitionOf(e.id(), LABEL_PARTITIONS)), 1L, Long::sum);
            }
        }
        KafkaInput impressions = KafkaTestSupport.input(bootstrap, prefix + ".impressions", 0, KafkaStart.EARLIEST,
                KafkaStop.atOffsets(impressionEnds));
        KafkaInput labels = KafkaTestSupport.input(bootstrap, prefix + ".labels", 1, KafkaStart.EARLIEST,
                KafkaStop.atOffsets(labelEnds));
        return KafkaTestSupport.settings(impressions, labels, prefix);
    }

    private static JobClient start(CtrJobConfig config, CtrKafkaSettings settings, CtrOutputs outputs,
                                   RuntimeSettings runtime) throws Exception {
        return KafkaTestSupport.startCtrJob(config, settings, outputs, runtime, new Identity(), "identity",
                "identity", "rescale at parallelism " + config.parallelism());
    }

    private static void produce(String bootstrap, List<Event> events) {
        KafkaTestSupport.produceClicks(bootstrap, "eo", events, IMPRESSION_PARTITIONS, LABEL_PARTITIONS);
    }

    /** Fails the job once, on the first record after a checkpoint completed. */
    static final class FailOnceAfterACheckpoint implements MapFunction<SourceRecord, SourceRecord>,
            CheckpointListener {
        static final CountDownLatch CHECKPOINTED = new CountDownLatch(1);
        static final AtomicBoolean FAILED = new AtomicBoolean();
        private static volatile boolean checkpointCompleted;

        @Override
        public SourceRecord map(SourceRecord record) {
            if (checkpointCompleted && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after a completed checkpoint");
            }
            return record;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointCompleted = true;
            CHECKPOINTED.countDown();
        }
    }

    /** The same operator, with the same uid, in both jobs. */
    static final class Identity implements MapFunction<SourceRecord, SourceRecord> {
        @Override
        public SourceRecord map(SourceRecord record) {
            return record;
        }
    }
}
