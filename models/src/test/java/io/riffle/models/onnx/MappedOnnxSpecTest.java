package io.riffle.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.riffle.models.event.Impression;
import io.riffle.models.scoring.BatchScorer;
import io.riffle.models.scoring.OnnxModelVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedOnnxSpecTest {
    @TempDir
    Path dir;

    private static final List<Impression> EVENTS = FinalMlpFixture.events().subList(0, 10);

    @Test
    void aWatchedFileSwapsInAsTheNextVersionAndABadOneIsIgnored() throws Exception {
        Path model = dir.resolve("model.onnx");
        Files.write(model, FinalMlpFixture.model());
        MappedOnnxSpec spec = new MappedOnnxSpec(model.toString(), FinalMlpFixture.mapping(), Device.CPU, 1, 8, 1000);
        assertThat(spec.check().toString()).isEqualTo("CPU, model version 1");
        try (BatchScorer<Impression, OnnxModelVersion> scorer = spec.open(null)) {
            assertThat(scorer.version()).isEqualTo(1);
            assertThat(scorer.pollIntervalMillis()).isEqualTo(1000);
            assertThat(scorer.poll()).as("nothing changed").isNull();
            Files.setLastModifiedTime(model, FileTime.fromMillis(Files.getLastModifiedTime(model).toMillis() + 5000));
            assertThat(scorer.poll()).as("touched, same bytes").isNull();

            // A file that is not a model: offered as version 2, rejected, version 1 keeps scoring.
            Path tmp = dir.resolve("next.tmp");
            Files.write(tmp, new byte[] {1, 2, 3});
            Files.move(tmp, model, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            OnnxModelVersion bad = scorer.poll();
            assertThat(bad.version()).isEqualTo(2);
            assertThat(scorer.apply(bad)).isFalse();
            assertThat(scorer.version()).isEqualTo(1);
            double[] s = new double[EVENTS.size()];
            scorer.score(EVENTS, 0, EVENTS.size(), s, 0);

            Files.write(tmp, FinalMlpFixture.model());
            Files.move(tmp, model, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertThat(scorer.poll()).as("back to the bytes in use").isNull();
            assertThat(scorer.apply(new OnnxModelVersion("m", 5, Long.MIN_VALUE, "topic", FinalMlpFixture.model())))
                    .isTrue();
            assertThat(scorer.version()).isEqualTo(5);
            byte[] snapshot = scorer.snapshot();
            try (BatchScorer<Impression, OnnxModelVersion> same = spec.open(snapshot)) {
                assertThat(same.version()).as("restored, file unchanged").isEqualTo(5);
            }
        }
    }

    @Test
    void aMissingModelFailsAtCheck() {
        MappedOnnxSpec spec = new MappedOnnxSpec(dir.resolve("none.onnx").toString(), FinalMlpFixture.mapping(),
                Device.CPU, 1, 8, 0);
        assertThatThrownBy(spec::check).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read ONNX model");
    }
}
