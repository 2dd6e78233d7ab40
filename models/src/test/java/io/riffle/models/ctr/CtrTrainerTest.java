package io.riffle.models.ctr;

import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.models.features.FeatureSpace;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CtrTrainerTest {
    private static final FeatureSpace SPACE = new FeatureSpace(12, List.of(), 0);

    @Test
    void metaRoundTripRestoresVersionMetricsAndUnpublishedCoordinates() {
        CtrTrainer trainer = new CtrTrainer("m", FtrlParams.defaults(), SPACE, 50);
        Random random = new Random(9);
        for (int t = 0; t < 120; t++) {
            trainer.learn(LinearScorerTest.example(random));
        }
        trainer.publishDelta(100);
        trainer.learn(LinearScorerTest.example(random));

        CtrTrainer restored = new CtrTrainer("m", trainer.learner().copy(), 50, 0);
        restored.readMeta(trainer.writeMeta());

        assertThat(restored.version()).isEqualTo(1);
        assertThat(restored.metrics(200)).isEqualTo(trainer.metrics(200));
        assertThat(restored.learner().touched()).containsExactly(trainer.learner().touched());
        assertThat(restored.writeMeta()).isEqualTo(trainer.writeMeta());
    }

    @Test
    void progressiveMetricsUseThePredictionBeforeEachUpdate() {
        CtrTrainer trainer = new CtrTrainer("m", new FtrlParams(0.5, 1, 0, 0), SPACE, 10);
        var example = LinearScorerTest.example(new Random(4));
        double p = trainer.learn(example);
        assertThat(p).isEqualTo(0.5);
        assertThat(trainer.metrics(0).logLoss()).isEqualTo(Math.log(2));
        assertThat(trainer.metrics(0).examples()).isEqualTo(1);
    }
}
