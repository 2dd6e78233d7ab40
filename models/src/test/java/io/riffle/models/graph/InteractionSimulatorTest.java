package io.riffle.models.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InteractionSimulatorTest {
    @Test
    void isSeededTimeOrderedFreeOfSelfLoopsAndFullOfRepeats() {
        List<InteractionSimulator.Message> a = new InteractionSimulator(500, 9, 1_000, 300).next(20_000);
        List<InteractionSimulator.Message> b = new InteractionSimulator(500, 9, 1_000, 300).next(20_000);
        assertThat(a).isEqualTo(b);
        assertThat(new InteractionSimulator(500, 10, 1_000, 300).next(100)).isNotEqualTo(a.subList(0, 100));
        Set<Long> pairs = new HashSet<>();
        long repeats = 0;
        long previous = 0;
        for (InteractionSimulator.Message m : a) {
            assertThat(m.source()).isNotEqualTo(m.destination());
            assertThat(m.time()).isGreaterThan(previous);
            previous = m.time();
            if (!pairs.add((long) m.source() << 32 | m.destination())) {
                repeats++;
            }
        }
        // Like CollegeMsg: most messages go to someone written to before, but not all.
        assertThat(repeats).isBetween(10_000L, 18_000L);
    }

    @Test
    void recentContactsBeatTheHeuristicsBaselineOfChance() {
        TgnConfig config = TgnConfig.defaults().withDimensions(8, 8, 8);
        TemporalGraphLearner learner = new TemporalGraphLearner(config, new InMemoryNodeStore());
        LinkEvaluation eval = new LinkEvaluation();
        LinkScores s = learner.newScores();
        for (InteractionSimulator.Message m : new InteractionSimulator(300, 3, 1_000, 300).next(5_000)) {
            learner.learn(new Interaction("n" + m.source(), "n" + m.destination(), m.time()), s);
            eval.add(s);
        }
        assertThat(eval.averagePrecision(LinkScorer.EDGEBANK)).isGreaterThan(0.7);
        assertThat(eval.averagePrecision(LinkScorer.RECENCY)).isGreaterThan(0.8);
    }
}
