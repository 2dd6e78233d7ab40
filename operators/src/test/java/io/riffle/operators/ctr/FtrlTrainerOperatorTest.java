package io.riffle.operators.ctr;

import static io.riffle.operators.ctr.Fixtures.example;
import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.models.ctr.CtrTrainer;
import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.ctr.LinearModelUpdate;
import io.riffle.models.event.Example;
import io.riffle.models.event.ModelSnapshot;
import io.riffle.models.features.FeatureSpace;
import io.riffle.models.io.FtrlModelFile;
import io.riffle.models.metrics.CtrMetrics;
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

class FtrlTrainerOperatorTest {
    private static final FtrlParams FTRL = new FtrlParams(0.3, 1, 0, 1);
    private static final FeatureSpace SPACE = new FeatureSpace(12, List.of(), 0);
    private static final TrainerSettings SETTINGS = new TrainerSettings("m", FTRL, SPACE, 100, 1000, null);

    private static KeyedOneInputStreamOperatorTestHarness<String, Example, LinearModelUpdate> open(
            OperatorSubtaskState state) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new FtrlTrainerOperator(SETTINGS), e -> "m",
                Types.STRING, 1, 1, 0);
        h.setStateBackend(new EmbeddedRocksDBStateBackend(true));
        h.setup();
        if (state != null) {
            h.initializeState(state);
        }
        h.open();
        return h;
    }

    private static List<Example> stream(long seed, int n) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int f = r.nextInt(50);
            out.add(example(i * 37L, f, f < 20 ? 1 : 0));
        }
        return out;
    }

    @Test
    void publishesTheWholeModelWhenItOpens() throws Exception {
        try (var h = open(null)) {
            LinearModelUpdate first = h.extractOutputValues().get(0);
            assertThat(first.full()).isTrue();
            assertThat(first.version()).isZero();
            assertThat(first.indices()).isEmpty();
        }
    }

    @Test
    void learnsInEventTimeOrderWhateverTheArrivalOrder() throws Exception {
        List<Example> examples = stream(1, 300);
        List<Example> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(2));
        CtrTrainer reference = new CtrTrainer("m", FTRL, SPACE, 100);
        examples.forEach(reference::learn);

        try (var h = open(null)) {
            for (Example e : shuffled) {
                h.processElement(new StreamRecord<>(e, e.time()));
            }
            h.processWatermark(Watermark.MAX_WATERMARK);
            h.endInput();
            h.getOneInputOperator().finish();
            ModelSnapshot file = h.getSideOutput(FtrlTrainerOperator.MODEL_FILES).poll().getValue();
            var loaded = FtrlModelFile.read(new ByteArrayInputStream(file.bytes()));
            assertThat(loaded.learner().sameState(reference.learner())).isTrue();
        }
    }

    @Test
    void aVersionAsOfEachIntervalHoldsExactlyTheExamplesUpToIt() throws Exception {
        try (var h = open(null)) {
            h.processElement(new StreamRecord<>(example(100, 3, 1), 100));
            h.processElement(new StreamRecord<>(example(1000, 4, 1), 1000));
            h.processElement(new StreamRecord<>(example(1500, 5, 0), 1500));
            h.processWatermark(new Watermark(1700));
            List<LinearModelUpdate> versions = h.extractOutputValues();
            assertThat(versions).hasSize(2);
            LinearModelUpdate v1 = versions.get(1);
            assertThat(v1.version()).isEqualTo(1);
            assertThat(v1.asOf()).isEqualTo(1000);
            assertThat(v1.examplesSeen()).isEqualTo(2);
            assertThat(v1.indices()).containsExactly(1, 3, 4);
            CtrMetrics metrics = h.getSideOutput(FtrlTrainerOperator.METRICS).poll().getValue();
            assertThat(metrics.time()).isEqualTo(1000);
            assertThat(metrics.examples()).isEqualTo(2);

            h.processWatermark(new Watermark(2000));
            LinearModelUpdate v2 = h.extractOutputValues().get(2);
            assertThat(v2.asOf()).isEqualTo(2000);
            assertThat(v2.indices()).containsExactly(1, 5);
        }
    }

    @Test
    void versionsDoNotDependOnHowWatermarksAreSpaced() throws Exception {
        List<Example> examples = stream(3, 200);
        List<String> sparse = run(examples, 5000);
        List<String> dense = run(examples, 50);
        assertThat(dense).isEqualTo(sparse).hasSizeGreaterThan(3);
    }

    private static List<String> run(List<Example> examples, long watermarkEvery) throws Exception {
        try (var h = open(null)) {
            long next = watermarkEvery;
            for (Example e : examples) {
                while (e.time() > next) {
                    h.processWatermark(new Watermark(next));
                    next += watermarkEvery;
                }
                h.processElement(new StreamRecord<>(e, e.time()));
            }
            h.processWatermark(Watermark.MAX_WATERMARK);
            List<String> out = new ArrayList<>();
            for (LinearModelUpdate u : h.extractOutputValues()) {
                out.add(u.version() + "@" + u.asOf() + ":" + java.util.Arrays.toString(u.weights()));
            }
            return out;
        }
    }

    @Test
    void snapshotRestoreAndContinueEqualsAnUninterruptedRun() throws Exception {
        List<Example> examples = stream(4, 400);
        List<String> uninterrupted = run(examples, 500);

        List<String> resumed = new ArrayList<>();
        OperatorSubtaskState snapshot;
        long next = 500;
        int i = 0;
        try (var h = open(null)) {
            for (; i < 150; i++) {
                Example e = examples.get(i);
                while (e.time() > next) {
                    h.processWatermark(new Watermark(next));
                    next += 500;
                }
                h.processElement(new StreamRecord<>(e, e.time()));
            }
            snapshot = h.snapshot(1, 1);
            for (LinearModelUpdate u : h.extractOutputValues()) {
                resumed.add(u.version() + "@" + u.asOf() + ":" + java.util.Arrays.toString(u.weights()));
            }
        }
        try (var h = open(snapshot)) {
            for (; i < examples.size(); i++) {
                Example e = examples.get(i);
                while (e.time() > next) {
                    h.processWatermark(new Watermark(next));
                    next += 500;
                }
                h.processElement(new StreamRecord<>(e, e.time()));
            }
            h.processWatermark(Watermark.MAX_WATERMARK);
            List<LinearModelUpdate> after = h.extractOutputValues();
            assertThat(after.get(0).full()).as("a restore republishes the whole model").isTrue();
            for (LinearModelUpdate u : after.subList(1, after.size())) {
                resumed.add(u.version() + "@" + u.asOf() + ":" + java.util.Arrays.toString(u.weights()));
            }
        }
        assertThat(resumed).isEqualTo(uninterrupted);
    }
}
