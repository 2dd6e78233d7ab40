package io.riffle.streaming.ctr;

import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.models.sim.ClickSimulator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServedScoresTest {
    private static final int IMPRESSIONS = 2_000;
    private static final long SEED = 5;

    private static List<ClickSimulator.Event> impressions() {
        return ClickLogFile.simulator(SEED).generate(IMPRESSIONS, ClickLogFile.START).stream()
                .filter(ClickSimulator.Event::impression).toList();
    }

    @Test
    void servingTheTrueProbabilitiesScoresExactlyAsTheTruth() {
        ServedScores served = ServedScores.ofSimulation(IMPRESSIONS, SEED);
        for (ClickSimulator.Event e : impressions()) {
            served.accept("{\"id\":\"" + e.id() + "\",\"score\":" + e.trueProbability() + ",\"modelVersion\":1}");
        }
        assertThat(served.scored()).isEqualTo(IMPRESSIONS);
        assertThat(served.logLoss()).isEqualTo(served.trueLogLoss()).isBetween(0.05, 0.7);
    }

    @Test
    void aConstantScoreIsWorseThanTheTruthAndUnknownIdsAreIgnored() {
        ServedScores served = ServedScores.ofSimulation(IMPRESSIONS, SEED);
        served.accept("{\"id\":\"not-simulated\",\"score\":0.5}");
        for (ClickSimulator.Event e : impressions()) {
            served.accept("{\"id\":\"" + e.id() + "\",\"score\":0.5}");
        }
        assertThat(served.scored()).isEqualTo(IMPRESSIONS);
        assertThat(served.logLoss()).isCloseTo(Math.log(2), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(served.trueLogLoss()).isLessThan(served.logLoss());
    }
}
