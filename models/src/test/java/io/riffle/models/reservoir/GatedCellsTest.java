package io.riffle.models.reservoir;

import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.models.reservoir.GatedCellSpec.Gating;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GatedCellsTest {
    @Nested
    class Gru extends ReservoirCellContract {
        @Override
        ReservoirSpec spec(long seed) {
            return new GatedCellSpec(Gating.GRU, 50, 0.2, 1.0, 1.0, 0.2, seed);
        }

        @Override
        double lowerBound() {
            return -1.0;
        }
    }

    @Nested
    class Lstm extends ReservoirCellContract {
        @Override
        ReservoirSpec spec(long seed) {
            return new GatedCellSpec(Gating.LSTM, 50, 0.2, 1.0, 1.0, 0.2, seed);
        }

        @Override
        double lowerBound() {
            return -1.0;
        }
    }

    /** Echo-state property: the same input from two different states drives them together. */
    @Test
    void gatedCellsForgetTheirInitialState() {
        for (ReservoirCell cell : new ReservoirCell[] {new GatedCellSpec(Gating.GRU, 40, 0.2, 0.8, 1.0, 0.2, 1).build(1),
                new GatedCellSpec(Gating.LSTM, 40, 0.2, 0.8, 1.0, 0.2, 1).build(1)}) {
            double[] a = new double[cell.stateSize()];
            double[] b = new double[cell.stateSize()];
            cell.initialState(a);
            SeededRandom init = new SeededRandom(2);
            for (int i = 0; i < cell.units(); i++) {
                b[i] = init.uniform(-0.9, 0.9);
            }
            double[] work = new double[cell.workSize()];
            SeededRandom r = new SeededRandom(3);
            double[] u = new double[1];
            for (int t = 0; t < 400; t++) {
                u[0] = r.uniform(-1, 1);
                cell.step(u, a, work, true);
                cell.step(u, b, work, true);
            }
            double diff = 0;
            for (int i = 0; i < cell.units(); i++) {
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
            }
            assertThat(diff).as(cell.getClass().getSimpleName()).isLessThan(1e-6);
        }
    }
}
