package io.riffle.models.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.riffle.models.ctr.LinearModelUpdate;
import io.riffle.models.event.Impression;
import io.riffle.models.features.FeatureHasher;
import io.riffle.models.features.FeatureSpace;
import io.riffle.models.onnx.Device;
import io.riffle.models.onnx.FinalMlpFixture;
import io.riffle.models.onnx.MappedOnnxSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class CascadeSpecTest {
    private static final FeatureSpace SPACE = new FeatureSpace(12, List.of(), 0);
    private static final List<Impression> EVENTS = FinalMlpFixture.events().subList(0, 200);
    private static final List<FinalMlpFixture.Expected> EXPECTED = FinalMlpFixture.expected();

    static MappedOnnxSpec finalMlp() {
        return new MappedOnnxSpec(FinalMlpFixture.path("finalmlp.onnx").toString(), FinalMlpFixture.mapping(),
                Device.CPU, 1, 64, 0);
    }

    /** A cheap model that gives every event of site {@code site} the logit {@code logit}, and the rest 0. */
    static LinearModelUpdate cheap(long version, String site, float logit) {
        int index = new FeatureHasher(SPACE).categoricalHash("site", site) & SPACE.mask();
        return new LinearModelUpdate("ctr", version, 0, true, SPACE.bits(), new int[] {index}, new float[] {logit},
                0, 0);
    }

    @Test
    void onlyEventsWhoseCheapScoreIsNearTheThresholdAreSentOn() {
        // sigmoid(0) = 0.5 is outside [0.05, 0.15]; sigmoid(-2.2) = 0.0998 is inside.
        CascadeSpec spec = new CascadeSpec(SPACE, new CascadeWindow(0.1, 0.05), finalMlp());
        String site = EVENTS.get(0).values()[0];
        try (BatchScorer<Impression, LinearModelUpdate> cascade = spec.open(null)) {
            assertThat(cascade.apply(cheap(1, site, -2.2f))).isTrue();
            double[] scores = new double[EVENTS.size()];
            cascade.score(EVENTS, 0, EVENTS.size(), scores, 0);
            long sent = 0;
            for (int i = 0; i < EVENTS.size(); i++) {
                if (EVENTS.get(i).values()[0].equals(site)) {
                    sent++;
                    assertThat(scores[i]).isCloseTo(EXPECTED.get(i).score(), within(1e-5));
                } else {
                    assertThat(scores[i]).isEqualTo(0.5);
                }
            }
            assertThat(sent).isPositive().isLessThan(EVENTS.size());
            assertThat(cascade.counters()).containsEntry("scored", (long) EVENTS.size()).containsEntry("sentOn", sent);
            assertThat(cascade.version()).isEqualTo(1);
            byte[] snapshot = cascade.snapshot();
            try (BatchScorer<Impression, LinearModelUpdate> restored = spec.open(snapshot)) {
                double[] again = new double[EVENTS.size()];
                restored.score(EVENTS, 0, EVENTS.size(), again, 0);
                assertThat(again).containsExactly(scores);
            }
        }
    }

    @Test
    void theWindowIsChecked() {
        assertThat(new CascadeWindow(0.1, 0.02).sendOn(0.119)).isTrue();
        assertThat(new CascadeWindow(0.1, 0.02).sendOn(0.121)).isFalse();
        assertThat(new CascadeWindow(0.1, 0.02).sendOn(Double.NaN)).isTrue();
        assertThatThrownBy(() -> new CascadeWindow(1.5, 0.1)).hasMessageContaining("--cascade-threshold");
        assertThatThrownBy(() -> new CascadeWindow(0.1, -1)).hasMessageContaining("--cascade-window");
    }
}
