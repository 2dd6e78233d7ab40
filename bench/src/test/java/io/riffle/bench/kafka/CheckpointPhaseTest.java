package io.riffle.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CheckpointPhaseTest {
    private static final long MS = 1_000_000L;

    /** One event per millisecond for 30 s; 5 ms latency, except those given. */
    private static long[][] events() {
        long[] sent = new long[30_000];
        long[] latency = new long[30_000];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = 7 * MS + i * MS;
            latency[i] = 5 * MS;
        }
        return new long[][] {sent, latency};
    }

    @Test
    void slowEventsAtTheSamePointOfEveryCycleAreAllInTheBusiestWindow() {
        long[][] e = events();
        for (int cycle = 0; cycle < 3; cycle++) {
            for (int ms = 2_300; ms < 2_500; ms++) {
                e[1][cycle * 10_000 + ms] = 40 * MS;
            }
        }
        e[1][10] = -1; // never received: not counted

        CheckpointPhase phase = CheckpointPhase.of(e[0], e[1], 0, e[0].length, 20, 10_000, 600);

        assertThat(phase.slowEvents()).isEqualTo(600);
        assertThat(phase.shareInWindow()).isEqualTo(1.0);
        assertThat(phase.windowStartMillis()).isBetween(1_900L, 2_300L);
        assertThat(phase.windowShareOfTime()).isEqualTo(0.06);
    }

    @Test
    void slowEventsSpreadOverTheCycleLeaveTheWindowItsShareOfTime() {
        long[][] e = events();
        for (int i = 0; i < e[0].length; i += 100) {
            e[1][i] = 30 * MS;
        }

        CheckpointPhase phase = CheckpointPhase.of(e[0], e[1], 0, e[0].length, 20, 10_000, 600);

        assertThat(phase.slowEvents()).isEqualTo(300);
        assertThat(phase.shareInWindow()).isEqualTo(0.06);
    }

    @Test
    void noSlowEventsGiveAnEmptyWindowAndAWindowLongerThanTheCycleIsRefused() {
        long[][] e = events();
        assertThat(CheckpointPhase.of(e[0], e[1], 0, e[0].length, 20, 10_000, 600).shareInWindow()).isZero();
        assertThatThrownBy(() -> CheckpointPhase.of(e[0], e[1], 0, 10, 20, 500, 600))
                .hasMessageContaining("window (600 ms) <= interval (500 ms)");
    }
}
