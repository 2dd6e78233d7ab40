package io.riffle.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.riffle.models.reservoir.EsnSpec;
import io.riffle.models.reservoir.ReservoirCell;
import io.riffle.models.reservoir.ReservoirSpec;
import org.junit.jupiter.api.Test;

class MemoryCapacityTest {
    /** A shift register x_0 = u(t), x_i = x_{i−1}(t−1): it remembers exactly the last N−1 inputs. */
    static final class DelayLine implements ReservoirCell {
        final int n;

        DelayLine(int n) {
            this.n = n;
        }

        @Override
        public ReservoirSpec spec() {
            return EsnSpec.defaults(); // unused by the measurement
        }

        @Override
        public int inputSize() {
            return 1;
        }

        @Override
        public int units() {
            return n;
        }

        @Override
        public int stateSize() {
            return n;
        }

        @Override
        public int workSize() {
            return 0;
        }

        @Override
        public void initialState(double[] state) {
            java.util.Arrays.fill(state, 0.0);
        }

        @Override
        public void step(double[] input, double[] state, double[] work, boolean adapt) {
            System.arraycopy(state, 0, state, 1, n - 1);
            state[0] = input[0];
        }
    }

    @Test
    void aDelayLineOfNUnitsHasMemoryCapacityNMinusOne() {
        MemoryCapacity.Result r = MemoryCapacity.measure(new DelayLine(20), 40, 100, 2000, 2000, 1e-9, 1);
        for (int k = 1; k <= 19; k++) {
            assertThat(r.perDelay()[k - 1]).as("delay %d", k).isCloseTo(1.0, within(1e-6));
        }
        for (int k = 20; k <= 40; k++) {
            assertThat(r.perDelay()[k - 1]).as("delay %d", k).isLessThan(0.01);
        }
        assertThat(r.total()).isCloseTo(19.0, within(0.2));
    }

    @Test
    void anEchoStateNetworkRemembersItsRecentInputs() {
        ReservoirCell esn = new EsnSpec(50, 0.1, 0.9, 1.0, 0.1, 1.0, 0.0, 3).build(1);
        MemoryCapacity.Result r = MemoryCapacity.measure(esn, 100, 500, 3000, 2000, 1e-8, 1);
        assertThat(r.perDelay()[0]).isGreaterThan(0.95);
        assertThat(r.total()).isBetween(8.0, 50.0);
    }
}
