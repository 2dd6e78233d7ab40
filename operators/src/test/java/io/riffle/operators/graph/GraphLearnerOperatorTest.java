package io.riffle.operators.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.models.event.ModelSnapshot;
import io.riffle.models.graph.GraphModelFile;
import io.riffle.models.graph.InMemoryNodeStore;
import io.riffle.models.graph.Interaction;
import io.riffle.models.graph.InteractionSimulator;
import io.riffle.models.graph.LinkScores;
import io.riffle.models.graph.TemporalGraphLearner;
import io.riffle.models.graph.TgnConfig;
import io.riffle.models.graph.event.EdgeEvent;
import io.riffle.models.graph.event.GraphMetrics;
import io.riffle.models.graph.event.LinkPrediction;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class GraphLearnerOperatorTest {
    private static final TgnConfig MODEL = TgnConfig.defaults().withDimensions(8, 8, 8);
    private static final long DAY_MS = 86_400_000L;

    private static GraphSettings settings(int batch) {
        return settings(batch, 0);
    }

    /** With {@code cache} > 0, node states go through a write-back cache of that many nodes. */
    private static GraphSettings settings(int batch, int cache) {
        return new GraphSettings("g", MODEL, batch, 0, DAY_MS, 1000, null, cache);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, EdgeEvent, LinkPrediction> open(
            GraphSettings settings, OperatorSubtaskState state) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new GraphLearnerOperator(settings), e -> "g",
                Types.STRING, 1, 1, 0);
        h.setStateBackend(new EmbeddedRocksDBStateBackend(true));
        h.setup();
        if (state != null) {
            h.initializeState(state);
        }
        h.open();
        return h;
    }

    /** A simulated message stream: times in ms, input positions 1, 2, 3 … */
    private static List<EdgeEvent> stream(long seed, int n) {
        InteractionSimulator sim = new InteractionSimulator(60, seed, 1_000_000, 600);
        List<EdgeEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InteractionSimulator.Message m = sim.next();
            out.add(new EdgeEvent("n" + m.source(), "n" + m.destination(), m.time() * 1000, i + 1, new float[0],
                    EdgeEvent.NO_LABEL));
        }
        return out;
    }

    /** Feeds {@code events}, a watermark every {@code every} ms of event time (trailing by one), then the end. */
    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, EdgeEvent, LinkPrediction> h,
                             List<EdgeEvent> events, long every) throws Exception {
        long next = events.get(0).time() + every;
        for (EdgeEvent e : events) {
            while (e.time() > next) {
                h.processWatermark(new Watermark(next - 1));
                next += every;
            }
            h.processElement(new StreamRecord<>(e, e.time()));
        }
    }

    private static List<String> lines(KeyedOneInputStreamOperatorTestHarness<String, EdgeEvent, LinkPrediction> h) {
        List<String> out = new ArrayList<>();
        for (LinkPrediction p : h.extractOutputValues()) {
            out.add(p.toString());
        }
        for (var r : h.getSideOutput(GraphLearnerOperator.METRICS)) {
            out.add(r.getValue().toString());
        }
        return out;
    }

    @Test
    void scoresEachInteractionBeforeLearningItInEventTimeOrderWhateverTheArrivalOrder() throws Exception {
        List<EdgeEvent> events = stream(1, 400);
        List<EdgeEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(2));
        TemporalGraphLearner reference = new TemporalGraphLearner(MODEL, new InMemoryNodeStore());
        LinkScores s = reference.newScores();
        List<Double> expected = new ArrayList<>();
        for (EdgeEvent e : events) {
            reference.learn(new Interaction(e.source(), e.destination(), e.time() / 1000), s);
            expected.add(s.probability());
        }

        try (var h = open(settings(1), null)) {
            for (EdgeEvent e : shuffled) {
                h.processElement(new StreamRecord<>(e, e.time()));
            }
            h.processWatermark(Watermark.MAX_WATERMARK);
            h.endInput();
            h.getOneInputOperator().finish();
            List<LinkPrediction> predictions = h.extractOutputValues();
            assertThat(predictions).extracting(LinkPrediction::seq)
                    .containsExactlyElementsOf(events.stream().map(EdgeEvent::seq).toList());
            assertThat(predictions).extracting(LinkPrediction::score).containsExactlyElementsOf(expected);
            // Test-then-train: the i-th interaction is scored by the parameters after i - 1 steps.
            for (int i = 0; i < predictions.size(); i++) {
                assertThat(predictions.get(i).modelStep()).isEqualTo(i);
            }
            ModelSnapshot file = h.getSideOutput(GraphLearnerOperator.MODEL_FILES).poll().getValue();
            var loaded = GraphModelFile.read(new ByteArrayInputStream(file.bytes()));
            assertThat(loaded.parameters().sameState(reference.parameters())).isTrue();
            assertThat(loaded.provenance().interactions()).isEqualTo(400);
            assertThat(loaded.provenance().lastSeq()).isEqualTo(events.get(399).seq());
        }
    }

    @Test
    void aPairIsNeverScoredWithItsOwnInteraction() throws Exception {
        List<EdgeEvent> events = List.of(
                new EdgeEvent("a", "b", 1000, 1, new float[0], 1),
                new EdgeEvent("a", "b", 2000, 2, new float[0], 0),
                new EdgeEvent("c", "a", 3000, 3, new float[0], EdgeEvent.NO_LABEL));
        try (var h = open(settings(1), null)) {
            for (EdgeEvent e : events) {
                h.processElement(new StreamRecord<>(e, e.time()));
            }
            h.processWatermark(Watermark.MAX_WATERMARK);
            List<LinkPrediction> p = h.extractOutputValues();
            assertThat(p).extracting(LinkPrediction::edgeBank).containsExactly(0.0, 1.0, 0.0);
            assertThat(p).extracting(LinkPrediction::label).containsExactly(1, 0, EdgeEvent.NO_LABEL);
            assertThat(p.get(0).recency()).isZero();
            assertThat(p.get(1).recency()).isGreaterThan(1);
        }
    }

    @Test
    void batchesAndMetricsDoNotDependOnHowWatermarksAreSpaced() throws Exception {
        List<EdgeEvent> events = stream(3, 500);
        List<String> sparse;
        List<String> dense;
        try (var h = open(settings(16), null)) {
            feed(h, events, 3 * DAY_MS);
            h.processWatermark(Watermark.MAX_WATERMARK);
            sparse = lines(h);
        }
        try (var h = open(settings(16), null)) {
            feed(h, events, 60_000);
            h.processWatermark(Watermark.MAX_WATERMARK);
            dense = lines(h);
        }
        assertThat(dense).isEqualTo(sparse).hasSizeGreaterThan(500);
    }

    @Test
    void metricsAsOfEachIntervalHoldExactlyTheInteractionsUpToIt() throws Exception {
        List<EdgeEvent> events = stream(4, 300);
        try (var h = open(settings(8), null)) {
            feed(h, events, 3_600_000);
            h.processWatermark(Watermark.MAX_WATERMARK);
            List<GraphMetrics> metrics = new ArrayList<>();
            h.getSideOutput(GraphLearnerOperator.METRICS).forEach(r -> metrics.add(r.getValue()));
            assertThat(metrics).hasSizeGreaterThan(2);
            for (GraphMetrics m : metrics) {
                assertThat(m.time() % DAY_MS).isZero();
                long upTo = events.stream().filter(e -> e.time() <= m.time()).count();
                assertThat(m.interactions()).isEqualTo(upTo);
            }
            GraphMetrics last = metrics.get(metrics.size() - 1);
            assertThat(last.interactions()).isEqualTo(300);
            assertThat(last.apPairs()).isBetween(290L, 300L);
            assertThat(last.ap()).isBetween(0.0, 1.0);
            assertThat(last.apEdgeBank()).isBetween(0.0, 1.0);
            assertThat(last.mrr()).isNaN();
            // every batch stayed inside one metrics period: the steps are at least the number of periods
            assertThat(last.modelStep()).isGreaterThanOrEqualTo(300 / 8);
        }
    }

    @Test
    void snapshotRestoreAndContinueEqualsAnUninterruptedRun() throws Exception {
        snapshotRestoreAndContinue(settings(4), settings(4));
    }

    @Test
    void aSmallWriteBackNodeCacheChangesNothingAcrossSnapshotsAndRestores() throws Exception {
        // 60 nodes through a cache of 7: evictions write back mid-stream, the snapshot flushes the rest.
        snapshotRestoreAndContinue(settings(4), settings(4, 7));
        snapshotRestoreAndContinue(settings(1, 7), settings(1, 20_000));
    }

    /** Runs {@code reference} uninterrupted and {@code s} with a snapshot and restore; their outputs must agree. */
    private static void snapshotRestoreAndContinue(GraphSettings reference, GraphSettings s) throws Exception {
        List<EdgeEvent> events = stream(5, 600);
        List<String> uninterrupted;
        byte[] uninterruptedModel;
        try (var h = open(reference, null)) {
            feed(h, events, 2_000_000);
            h.processWatermark(Watermark.MAX_WATERMARK);
            h.getOneInputOperator().finish();
            uninterrupted = lines(h);
            uninterruptedModel = h.getSideOutput(GraphLearnerOperator.MODEL_FILES).poll().getValue().bytes();
        }

        List<String> resumed = new ArrayList<>();
        OperatorSubtaskState snapshot;
        List<EdgeEvent> first = events.subList(0, 250);
        List<EdgeEvent> rest = events.subList(250, events.size());
        try (var h = open(s, null)) {
            feed(h, first, 2_000_000);
            snapshot = h.snapshot(1, 1);
            resumed.addAll(lines(h));
        }
        try (var h = open(s, snapshot)) {
            // After a restore the watermarks start again from the next records, spaced differently.
            feed(h, rest, 700_000);
            h.processWatermark(Watermark.MAX_WATERMARK);
            h.getOneInputOperator().finish();
            List<String> after = lines(h);
            List<String> predictionsAfter = new ArrayList<>();
            List<String> metricsAfter = new ArrayList<>();
            for (String line : after) {
                (line.startsWith("LinkPrediction") ? predictionsAfter : metricsAfter).add(line);
            }
            List<String> predictionsBefore = new ArrayList<>();
            List<String> metricsBefore = new ArrayList<>();
            for (String line : resumed) {
                (line.startsWith("LinkPrediction") ? predictionsBefore : metricsBefore).add(line);
            }
            predictionsBefore.addAll(predictionsAfter);
            metricsBefore.addAll(metricsAfter);
            List<String> expectedPredictions = new ArrayList<>();
            List<String> expectedMetrics = new ArrayList<>();
            for (String line : uninterrupted) {
                (line.startsWith("LinkPrediction") ? expectedPredictions : expectedMetrics).add(line);
            }
            assertThat(predictionsBefore).isEqualTo(expectedPredictions);
            assertThat(metricsBefore).isEqualTo(expectedMetrics);
            byte[] model = h.getSideOutput(GraphLearnerOperator.MODEL_FILES).poll().getValue().bytes();
            assertThat(model).isEqualTo(uninterruptedModel);
        }
    }
}
