package io.riffle.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.riffle.models.ctr.CtrTrainer;
import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.event.Example;
import io.riffle.models.event.LabelSource;
import io.riffle.models.features.FeatureSpace;
import io.riffle.models.features.FieldCross;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FtrlModelFileTest {
    @Test
    void roundTripsBitForBitWithProvenance() throws Exception {
        CtrTrainer trainer = trained();
        var bytes = new ByteArrayOutputStream();
        FtrlModelFile.write(trainer, 1234, bytes);
        FtrlModelFile.Loaded loaded = FtrlModelFile.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(loaded.learner().sameState(trainer.learner())).isTrue();
        assertThat(loaded.provenance().model()).isEqualTo("ctr");
        assertThat(loaded.provenance().version()).isEqualTo(1);
        assertThat(loaded.provenance().asOf()).isEqualTo(1234);
        assertThat(loaded.provenance().examples()).isEqualTo(200);
        assertThat(loaded.learner().space().crosses()).containsExactly(new FieldCross("a", "b"));

        var again = new ByteArrayOutputStream();
        FtrlModelFile.write(loaded.toTrainer("ctr", 10), 1234, again);
        assertThat(again.toByteArray()).isEqualTo(bytes.toByteArray());
    }

    @Test
    void readsTheGoldenFormatOneFile() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/golden/ftrl-format1.riffle")) {
            FtrlModelFile.Loaded loaded = FtrlModelFile.read(in);
            assertThat(loaded.provenance().version()).isEqualTo(1);
            assertThat(loaded.learner().sameState(trained().learner())).isTrue();
        }
    }

    @Test
    void rejectsFilesThatAreNotModels() {
        assertThatThrownBy(() -> FtrlModelFile.read(new ByteArrayInputStream("hello world".getBytes())))
                .hasMessageContaining("not a Riffle model file");
    }

    static CtrTrainer trained() {
        CtrTrainer trainer = new CtrTrainer("ctr", new FtrlParams(0.05, 1.0, 0.1, 1.0),
                new FeatureSpace(12, List.of(new FieldCross("a", "b")), 0), 10);
        Random random = new Random(11);
        for (int t = 0; t < 200; t++) {
            int f = random.nextInt(40);
            trainer.learn(new Example("e" + t, t, t, t, new int[] {f, 4000}, new float[] {1f, 1f},
                    f < 20 ? 1 : 0, LabelSource.ROW));
        }
        trainer.publishDelta(1234);
        return trainer;
    }
}
