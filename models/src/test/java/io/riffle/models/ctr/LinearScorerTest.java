package io.riffle.models.ctr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.riffle.models.event.Example;
import io.riffle.models.event.LabelSource;
import io.riffle.models.features.FeatureSpace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearScorerTest {
    private static final FeatureSpace SPACE = new FeatureSpace(12, List.of(), 0);

    @Test
    void scorerFollowingFullThenDeltasScoresLikeTheTrainer() {
        CtrTrainer trainer = new CtrTrainer("m", FtrlParams.defaults(), SPACE, 100);
        LinearScorer scorer = new LinearScorer(12);
        scorer.apply(trainer.fullSnapshot());
        Random random = new Random(1);
        for (int round = 0; round < 5; round++) {
            for (int t = 0; t < 200; t++) {
                trainer.learn(example(random));
            }
            assertThat(scorer.apply(trainer.publishDelta(round))).isTrue();
        }
        int[] h = {3, 77, 1000};
        float[] x = {1f, 1f, 1f};
        // the scorer holds float weights, the trainer computes them in double
        assertThat(scorer.score(h, x, 3)).isCloseTo(trainer.learner().predict(h, x, 3), within(1e-7));
        assertThat(scorer.version()).isEqualTo(5);
    }

    @Test
    void ignoresVersionsItAlreadyHas() {
        CtrTrainer trainer = new CtrTrainer("m", FtrlParams.defaults(), SPACE, 100);
        LinearScorer scorer = new LinearScorer(12);
        trainer.learn(example(new Random(2)));
        LinearModelUpdate v1 = trainer.publishDelta(10);
        assertThat(scorer.apply(v1)).isTrue();
        assertThat(scorer.apply(v1)).isFalse();
        assertThat(scorer.apply(trainer.fullSnapshot())).isFalse();
    }

    @Test
    void refusesAnUpdateOfAnotherTableSize() {
        LinearScorer scorer = new LinearScorer(14);
        CtrTrainer trainer = new CtrTrainer("m", FtrlParams.defaults(), SPACE, 100);
        assertThatThrownBy(() -> scorer.apply(trainer.fullSnapshot())).hasMessageContaining("--bits");
    }

    @Test
    void stateRoundTrips() throws Exception {
        CtrTrainer trainer = new CtrTrainer("m", FtrlParams.defaults(), SPACE, 100);
        Random random = new Random(3);
        for (int t = 0; t < 300; t++) {
            trainer.learn(example(random));
        }
        LinearScorer scorer = new LinearScorer(12);
        scorer.apply(trainer.publishDelta(5));
        var bytes = new ByteArrayOutputStream();
        scorer.write(new DataOutputStream(bytes));
        LinearScorer back = LinearScorer.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.version()).isEqualTo(1);
        assertThat(back.asOf()).isEqualTo(5);
        for (int i = 0; i < 1 << 12; i++) {
            assertThat(back.weight(i)).isEqualTo(scorer.weight(i));
        }
    }

    static Example example(Random random) {
        int f = random.nextInt(30);
        return new Example("e", 0, 0, 0, new int[] {f, 1000}, new float[] {1f, 1f}, f < 15 ? 1 : 0, LabelSource.ROW);
    }
}
