package io.riffle.models.reservoir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExcitatoryInhibitoryReservoirTest extends ReservoirCellContract {
    @Override
    ReservoirSpec spec(long seed) {
        return EiSpec.defaults().withUnits(60).withSeed(seed);
    }

    @Override
    double lowerBound() {
        return 0.0;
    }

    @Test
    void generatedWeightsObeyDalesLaw() {
        ExcitatoryInhibitoryReservoir ei = EiSpec.defaults().build(1);
        assertThat(ei.excitatoryUnits()).isEqualTo(80);
        assertDale(ei, ei.recurrentWeights());
    }

    @Test
    void dalesLawStillHoldsAfterAdaptation() {
        ExcitatoryInhibitoryReservoir ei = EiSpec.defaults().withAdaptation(0.01).build(1);
        double[] state = run(ei, 3000, 1);
        double[] gains = java.util.Arrays.copyOfRange(state, 100, 200);
        assertThat(gains).isNotEqualTo(new double[100]);
        for (double g : gains) {
            assertThat(g).isBetween(0.0, 20.0);
        }
        assertDale(ei, ei.effectiveWeights(gains));
    }

    private static void assertDale(ExcitatoryInhibitoryReservoir ei, SparseMatrix w) {
        int n = w.rows();
        int positive = 0;
        int negative = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double v = w.get(i, j);
                if (ei.isExcitatory(j)) {
                    assertThat(v).as("W[%d,%d] from excitatory unit %d", i, j, j).isGreaterThanOrEqualTo(0.0);
                } else {
                    assertThat(v).as("W[%d,%d] from inhibitory unit %d", i, j, j).isLessThanOrEqualTo(0.0);
                }
                positive += v > 0 ? 1 : 0;
                negative += v < 0 ? 1 : 0;
            }
        }
        assertThat(positive).isPositive();
        assertThat(negative).isPositive();
    }

    @Test
    void spectralRadiusOfTheSignedMatrixMatchesTheTarget() {
        ExcitatoryInhibitoryReservoir ei = EiSpec.defaults().build(1);
        assertThat(SpectralRadius.exact(ei.recurrentWeights().toDense(), 100)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void adaptationBringsEachUnitsRateToItsOwnTarget() {
        ExcitatoryInhibitoryReservoir ei = EiSpec.defaults().build(1);
        double[] targets = ei.targetRates();
        for (double t : targets) {
            assertThat(t).isBetween(0.2, 0.4);
        }
        assertThat(java.util.Arrays.stream(targets).distinct().count()).isEqualTo(100);
        double[] state = new double[ei.stateSize()];
        double[] work = new double[ei.workSize()];
        double[] u = new double[1];
        ei.initialState(state);
        SeededRandom r = new SeededRandom(3);
        double[] mean = new double[100];
        int window = 10_000;
        double before = 0;
        for (int t = 0; t < 40_000 + window; t++) {
            u[0] = r.uniform(-1, 1);
            ei.step(u, state, work, true);
            if (t < window) {
                for (int i = 0; i < 100; i++) {
                    before += Math.abs(state[i] - targets[i]) / (100.0 * window);
                }
            }
            if (t >= 40_000) {
                for (int i = 0; i < 100; i++) {
                    mean[i] += state[i] / window;
                }
            }
        }
        double error = 0;
        for (int i = 0; i < 100; i++) {
            error += Math.abs(mean[i] - targets[i]) / 100;
        }
        assertThat(before).as("mean |rate - target| before adaptation").isGreaterThan(0.1);
        assertThat(error).as("mean |time-averaged rate - target| after adaptation").isLessThan(0.01);
    }

    @Test
    void gainsDoNotMoveWithoutAdaptationOrWhenAdaptationIsFrozen() {
        ExcitatoryInhibitoryReservoir off = EiSpec.defaults().withAdaptation(0).build(1);
        double[] state = run(off, 500, 1);
        for (int i = 100; i < 200; i++) {
            assertThat(state[i]).isEqualTo(1.0);
        }
        ExcitatoryInhibitoryReservoir on = EiSpec.defaults().build(1);
        double[] s = run(on, 500, 1);
        double[] gains = java.util.Arrays.copyOfRange(s, 100, 200);
        on.step(new double[] {0.3}, s, new double[on.workSize()], false);
        assertThat(java.util.Arrays.copyOfRange(s, 100, 200)).isEqualTo(gains);
    }

    @Test
    void homogeneousTargetsAreAllEqual() {
        assertThat(EiSpec.defaults().withTargets(0.2, 0.2).build(1).targetRates()).containsOnly(0.2);
    }

    @Test
    void configurationIsCheckedUpFront() {
        assertThatThrownBy(() -> EiSpec.defaults().withTargets(0.4, 0.2))
                .hasMessage("ei targetRateMax must be in [targetRateMin=0.4, 1), got 0.2");
        assertThatThrownBy(() -> new EiSpec(2, 0.99, 0.1, 2, 1, 1, 0.3, 1, 0.2, 0.1, 0.3, 1e-3, 1, 20, 1))
                .hasMessageContaining("leaves a population empty");
    }
}
