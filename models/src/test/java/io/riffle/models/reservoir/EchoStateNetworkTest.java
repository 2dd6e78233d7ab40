package io.riffle.models.reservoir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EchoStateNetworkTest extends ReservoirCellContract {
    @Override
    ReservoirSpec spec(long seed) {
        return EsnSpec.defaults().withUnits(60).withSeed(seed);
    }

    @Override
    double lowerBound() {
        return -1.0;
    }

    @Test
    void spectralRadiusMatchesTheTargetExactlyForSmallReservoirs() {
        EchoStateNetwork esn = EsnSpec.defaults().withSpectralRadius(0.9).build(1);
        double radius = SpectralRadius.exact(esn.recurrentWeights().toDense(), 100);
        assertThat(radius).isCloseTo(0.9, within(1e-9));
    }

    @Test
    void spectralRadiusMatchesTheTargetForLargeReservoirsViaPowerIteration() {
        EchoStateNetwork esn = EsnSpec.defaults().withUnits(400).withSpectralRadius(1.1).build(1);
        double radius = SpectralRadius.exact(esn.recurrentWeights().toDense(), 400);
        assertThat(radius).isCloseTo(1.1, within(1.1e-3));
    }

    @Test
    void everyUnitHasTheConfiguredInDegree() {
        EchoStateNetwork esn = new EsnSpec(50, 0.2, 1.0, 1.0, 1.0, 0.5, 0.0, 3).build(2);
        SparseMatrix w = esn.recurrentWeights();
        assertThat(w.nonZeros()).isEqualTo(50 * 10);
        for (int i = 0; i < 50; i++) {
            int count = 0;
            for (int j = 0; j < 50; j++) {
                count += w.get(i, j) != 0 ? 1 : 0;
            }
            assertThat(count).isEqualTo(10);
        }
        double[] win = esn.inputWeights();
        for (double v : win) {
            assertThat(Math.abs(v)).isIn(0.0, 1.0);
        }
        assertThat(esn.bias()).containsOnly(0.0);
    }

    @Test
    void stepIsTheLeakyTanhUpdate() {
        EchoStateNetwork esn = new EsnSpec(20, 0.3, 0.8, 0.4, 0.7, 0.5, 0.3, 11).build(2);
        double[] w = esn.recurrentWeights().toDense();
        double[] win = esn.inputWeights();
        double[] b = esn.bias();
        double[] x = new double[20];
        double[] work = new double[20];
        double[] reference = new double[20];
        SeededRandom r = new SeededRandom(1);
        for (int t = 0; t < 30; t++) {
            double[] u = {r.uniform(-1, 1), r.uniform(-1, 1)};
            double[] next = new double[20];
            for (int i = 0; i < 20; i++) {
                double z = b[i] + win[2 * i] * u[0] + win[2 * i + 1] * u[1];
                for (int k = 0; k < 20; k++) {
                    z += w[i * 20 + k] * reference[k];
                }
                next[i] = 0.6 * reference[i] + 0.4 * Math.tanh(z);
            }
            reference = next;
            esn.step(u, x, work, true);
        }
        assertThat(x).containsExactly(reference, within(1e-12));
    }

    @Test
    void configurationIsCheckedUpFrontWithMessagesThatSayWhatToFix() {
        assertThatThrownBy(() -> new EsnSpec(100, 0.1, -1, 0.3, 1, 1, 0, 1))
                .hasMessage("esn spectralRadius must be a finite number > 0, got -1.0");
        assertThatThrownBy(() -> new EsnSpec(100, 0.1, 1, 1.5, 1, 1, 0, 1))
                .hasMessage("esn leakRate must be in (0.0, 1.0], got 1.5");
        assertThatThrownBy(() -> new EsnSpec(0, 0.1, 1, 0.5, 1, 1, 0, 1))
                .hasMessage("esn units must be >= 1, got 0");
    }
}
