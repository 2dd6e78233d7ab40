package io.riffle.models.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClickSimulatorTest {
    @Test
    void sameSeedSameStreamInTimeOrder() {
        List<ClickSimulator.Event> a = new ClickSimulator(7, 100, 20_000).generate(3000, 0);
        List<ClickSimulator.Event> b = new ClickSimulator(7, 100, 20_000).generate(3000, 0);
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).id()).isEqualTo(b.get(i).id());
            assertThat(a.get(i).time()).isEqualTo(b.get(i).time());
            assertThat(a.get(i).trueProbability()).isEqualTo(b.get(i).trueProbability());
        }
        for (int i = 1; i < a.size(); i++) {
            assertThat(a.get(i).time()).isGreaterThanOrEqualTo(a.get(i - 1).time());
        }
    }

    @Test
    void clickRateIsLikeDisplayAdvertisingAndEveryClickFollowsItsImpression() {
        List<ClickSimulator.Event> events = new ClickSimulator(1, 100, 20_000).generate(20_000, 0);
        long impressions = events.stream().filter(ClickSimulator.Event::impression).count();
        long clicks = events.size() - impressions;
        assertThat(impressions).isEqualTo(20_000);
        assertThat((double) clicks / impressions).isBetween(0.01, 0.15);
    }
}
