package io.riffle.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split enumerators of a bounded Kafka source, driven as Flink's source coordinator drives them, against the
 * in-process broker: fresh, and restored from the state a fresh one checkpointed.
 */
class BoundedKafkaSourceTest {
    private static final String TOPIC = "bounded";
    private static final int READERS = 2;

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        try (KafkaCluster cluster = KafkaCluster.connect(kafka.bootstrapServers(), Map.of(), Duration.ofSeconds(30))) {
            cluster.createMissing(Map.of(TOPIC, 3), Map.of());
        }
        EmbeddedKafkaTest.produce(kafka.bootstrapServers(), TOPIC, 9);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void aFreshEnumeratorAssignsEveryPartitionAndSignalsEachReaderOnce() throws Throwable {
        try (SignalCountingContext context = new SignalCountingContext()) {
            SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> fresh =
                    new BoundedKafkaSource<>(kafkaSource()).createEnumerator(context);
            fresh.start();
            register(fresh, context, 0, 1);
            runDiscovery(context);

            assertThat(assignedPartitions(context)).isEqualTo(3);
            assertThat(context.signals).containsExactlyInAnyOrderEntriesOf(Map.of(0, 1, 1, 1));
        }
    }

    /** FLINK-31006, as connector 5.0.0 has it: if this starts failing, the connector signals by itself. */
    @Test
    void flinksOwnRestoredEnumeratorNeverTellsItsReadersThatNoMoreSplitsWillCome() throws Throwable {
        KafkaSourceEnumState state = checkpointOfAFreshEnumerator();
        try (SignalCountingContext context = new SignalCountingContext()) {
            SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restored =
                    kafkaSource().restoreEnumerator(context, state);
            restored.start();
            register(restored, context, 0, 1);
            runDiscovery(context);

            assertThat(context.signals).isEmpty();
        }
    }

    @Test
    void aRestoredEnumeratorTellsEveryReaderOncePerRegistrationThatNoMoreSplitsWillCome() throws Throwable {
        KafkaSourceEnumState state = checkpointOfAFreshEnumerator();
        try (SignalCountingContext context = new SignalCountingContext()) {
            SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restored =
                    new BoundedKafkaSource<>(kafkaSource()).restoreEnumerator(context, state);
            restored.start();
            register(restored, context, 0);
            assertThat(context.signals).as("not before discovery has ended").isEmpty();
            runDiscovery(context);
            assertThat(context.signals).containsExactlyEntriesOf(Map.of(0, 1));

            register(restored, context, 1);
            assertThat(context.signals).as("a reader registering later")
                    .containsExactlyInAnyOrderEntriesOf(Map.of(0, 1, 1, 1));

            context.unregisterReader(0);
            register(restored, context, 0);
            assertThat(context.signals).as("a reader restarted after a failure is told again")
                    .containsExactlyInAnyOrderEntriesOf(Map.of(0, 2, 1, 1));
            assertThat(context.getSplitsAssignmentSequence()).as("the splits are in the readers' state").isEmpty();
        }
    }

    @Test
    void onlyBoundedSourcesAreWrapped() {
        KafkaSource<String> unbounded = KafkaSource.<String>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(TOPIC)
                .setDeserializer(KafkaRecordDeserializationSchema.valueOnly(StringDeserializer.class))
                .build();
        assertThatThrownBy(() -> new BoundedKafkaSource<>(unbounded))
                .hasMessageContaining("bounded Kafka sources only").hasMessageContaining("CONTINUOUS_UNBOUNDED");
    }

    private static KafkaSourceEnumState checkpointOfAFreshEnumerator() throws Throwable {
        try (SignalCountingContext context = new SignalCountingContext()) {
            SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> fresh = kafkaSource().createEnumerator(context);
            fresh.start();
            register(fresh, context, 0, 1);
            runDiscovery(context);
            assertThat(assignedPartitions(context)).isEqualTo(3);
            KafkaSourceEnumState state = fresh.snapshotState(1);
            fresh.close();
            return state;
        }
    }

    private static KafkaSource<String> kafkaSource() {
        return KafkaSource.<String>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(TOPIC)
                .setGroupId("bounded-test")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(KafkaRecordDeserializationSchema.valueOnly(StringDeserializer.class))
                .build();
    }

    private static void register(SplitEnumerator<KafkaPartitionSplit, ?> enumerator,
                                 MockSplitEnumeratorContext<KafkaPartitionSplit> context, int... readers) {
        for (int reader : readers) {
            context.registerReader(new ReaderInfo(reader, "localhost"));
            enumerator.addReader(reader);
        }
    }

    /** Runs the enumerator's one-shot calls, as the coordinator would: listing partitions, then any new splits. */
    private static void runDiscovery(MockSplitEnumeratorContext<KafkaPartitionSplit> context) throws Throwable {
        while (!context.getOneTimeCallables().isEmpty()) {
            context.runNextOneTimeCallable();
        }
    }

    private static int assignedPartitions(MockSplitEnumeratorContext<KafkaPartitionSplit> context) {
        int n = 0;
        for (SplitsAssignment<KafkaPartitionSplit> assignment : context.getSplitsAssignmentSequence()) {
            for (List<KafkaPartitionSplit> splits : assignment.assignment().values()) {
                n += splits.size();
            }
        }
        return n;
    }

    /** Flink's mock context, counting the "no more splits" signals per reader. */
    private static final class SignalCountingContext extends MockSplitEnumeratorContext<KafkaPartitionSplit> {
        final Map<Integer, Integer> signals = new HashMap<>();

        SignalCountingContext() {
            super(READERS);
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            signals.merge(subtask, 1, Integer::sum);
            super.signalNoMoreSplits(subtask);
        }
    }
}
