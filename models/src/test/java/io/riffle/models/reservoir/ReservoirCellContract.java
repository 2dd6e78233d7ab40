package io.riffle.models.reservoir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** What every reservoir cell guarantees: determinism from the seed, bounded state, no allocation, NaN rejected. */
abstract class ReservoirCellContract {
    abstract ReservoirSpec spec(long seed);

    /** Activations are bounded by [lo, hi]. */
    abstract double lowerBound();

    static double[] run(ReservoirCell cell, int steps, long inputSeed) {
        double[] state = new double[cell.stateSize()];
        double[] work = new double[cell.workSize()];
        double[] u = new double[cell.inputSize()];
        cell.initialState(state);
        SeededRandom r = new SeededRandom(inputSeed);
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < u.length; j++) {
                u[j] = r.uniform(-1, 1);
            }
            cell.step(u, state, work, true);
        }
        return state;
    }

    @Test
    void sameSpecGivesTheSameTrajectoryAndOtherSeedsDiffer() {
        double[] a = run(spec(1).build(2), 300, 9);
        double[] b = run(spec(1).build(2), 300, 9);
        double[] c = run(spec(2).build(2), 300, 9);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void activationsStayBoundedAndRespondToInput() {
        ReservoirCell cell = spec(3).build(3);
        double[] s1 = run(cell, 500, 1);
        double[] s2 = run(cell, 500, 2);
        for (int i = 0; i < cell.units(); i++) {
            assertThat(s1[i]).isBetween(lowerBound(), 1.0);
        }
        assertThat(s1).isNotEqualTo(s2);
    }

    @Test
    void stepAllocatesNothing() {
        ReservoirCell cell = spec(4).build(1);
        double[] state = new double[cell.stateSize()];
        double[] work = new double[cell.workSize()];
        double[] u = new double[1];
        cell.initialState(state);
        for (int t = 0; t < 20_000; t++) { // warm up the JIT first
            u[0] = Math.sin(t);
            cell.step(u, state, work, true);
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int t = 0; t < 10_000; t++) {
            u[0] = Math.sin(t);
            cell.step(u, state, work, true);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(allocated).as("bytes allocated by 10000 steps").isLessThan(4096);
    }

    @Test
    void nonFiniteOrMisshapedInputIsRejectedAndStateIsUnchanged() {
        ReservoirCell cell = spec(5).build(2);
        double[] state = run(cell, 50, 3);
        double[] before = state.clone();
        double[] work = new double[cell.workSize()];
        assertThatThrownBy(() -> cell.step(new double[] {0.1, Double.NaN}, state, work, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input[1] is NaN");
        assertThatThrownBy(() -> cell.step(new double[] {Double.NEGATIVE_INFINITY, 0}, state, work, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cell.step(new double[] {0.1}, state, work, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must have 2 values");
        assertThat(state).isEqualTo(before);
    }

    @Test
    void specRoundTripsThroughItsBinaryForm() throws Exception {
        ReservoirSpec spec = spec(6);
        var bytes = new java.io.ByteArrayOutputStream();
        spec.write(new java.io.DataOutputStream(bytes));
        ReservoirSpec back = ReservoirSpec.read(new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back).isEqualTo(spec);
    }
}
