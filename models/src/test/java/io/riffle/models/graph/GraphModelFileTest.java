package io.riffle.models.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GraphModelFileTest {
    @Test
    void roundTripsProvenanceConfigAndParametersBitForBit() throws Exception {
        TgnConfig config = TemporalGraphLearnerTest.small().withPres(PresConfig.enabled(0.5))
                .withAttention(AttentionConfig.enabled(3, 4)).withEdgeFeatureDim(2);
        TemporalGraphLearner learner = new TemporalGraphLearner(config, new InMemoryNodeStore());
        LinkScores s = learner.newScores();
        for (Interaction e : TemporalGraphLearnerTest.stream(50, 10, 3, 2)) {
            learner.learn(e, s);
        }
        var provenance = new GraphModelFile.Provenance("g", learner.parameters().steps(), 123, 50, 10, 77, "test");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GraphModelFile.write(provenance, learner.parameters(), bytes);
        GraphModelFile.Loaded loaded = GraphModelFile.read(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(loaded.provenance()).isEqualTo(provenance);
        assertThat(loaded.config()).isEqualTo(config);
        assertThat(loaded.parameters().sameState(learner.parameters())).isTrue();
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        GraphModelFile.write(loaded.provenance(), loaded.parameters(), again);
        assertThat(again.toByteArray()).isEqualTo(bytes.toByteArray());
    }

    @Test
    void refusesOtherFilesWithAReason() throws Exception {
        TemporalGraphLearner learner = new TemporalGraphLearner(TemporalGraphLearnerTest.small(),
                new InMemoryNodeStore());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GraphModelFile.write(new GraphModelFile.Provenance("g", 0, 0, 0, 0, 0, "x"), learner.parameters(), bytes);
        byte[] ok = bytes.toByteArray();
        byte[] kind = ok.clone();
        kind[11] = 'X';
        assertThatThrownBy(() -> GraphModelFile.read(new ByteArrayInputStream(kind))).isInstanceOf(IOException.class)
                .hasMessageContaining("kind");
        byte[] cut = Arrays.copyOf(ok, ok.length - 5);
        assertThatThrownBy(() -> GraphModelFile.read(new ByteArrayInputStream(cut))).isInstanceOf(IOException.class);
        byte[] magic = ok.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> GraphModelFile.read(new ByteArrayInputStream(magic)))
                .hasMessageContaining("magic");
    }
}
