package io.riffle.models.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GeneratorsTest {
    @Test
    void mackeyGlassIsDeterministicInItsSeedAndStaysOnTheAttractor() {
        double[] a = MackeyGlass.reservoirPy().generate(3000, 1);
        assertThat(MackeyGlass.reservoirPy().generate(3000, 1)).isEqualTo(a);
        assertThat(MackeyGlass.reservoirPy().generate(3000, 2)).isNotEqualTo(a);
        assertThat(a[0]).isEqualTo(1.2);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int t = 500; t < a.length; t++) {
            min = Math.min(min, a[t]);
            max = Math.max(max, a[t]);
        }
        // the τ = 17 attractor spans roughly [0.4, 1.35]
        assertThat(min).isBetween(0.2, 0.6);
        assertThat(max).isBetween(1.1, 1.5);
    }

    @Test
    void fineMackeyGlassSatisfiesTheDelayEquation() {
        double[] x = MackeyGlass.fine().generate(1000, 3);
        double worst = 0;
        for (int t = 300; t < 999; t++) {
            double derivative = (x[t + 1] - x[t - 1]) / 2; // central difference, spacing 1
            double delayed = x[t - 17];
            double rhs = 0.2 * delayed / (1 + Math.pow(delayed, 10)) - 0.1 * x[t];
            worst = Math.max(worst, Math.abs(derivative - rhs));
        }
        assertThat(worst).isLessThan(0.02);
    }

    @Test
    void mackeyGlassRejectsAStepThatDoesNotDivideTheDelay() {
        assertThatThrownBy(() -> new MackeyGlass(17, 0.2, 0.1, 10, 1.2, 0.3, true))
                .hasMessageContaining("must divide 1 and tau=17.0 into whole steps");
    }

    @Test
    void narma10FollowsItsEquationWithTheStatedParameters() {
        Narma10.Series s = Narma10.generate(2000, 4);
        double[] u = s.input();
        double[] y = new double[2001];
        for (int t = 0; t < 2000; t++) {
            double sum = 0;
            for (int i = 0; i < 10; i++) {
                sum += t - i >= 0 ? y[t - i] : 0;
            }
            y[t + 1] = 0.3 * y[t] + 0.05 * y[t] * sum + 1.5 * (t >= 9 ? u[t - 9] : 0) * u[t] + 0.1;
        }
        assertThat(java.util.Arrays.stream(u).min().getAsDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(java.util.Arrays.stream(u).max().getAsDouble()).isLessThan(0.5);
        assertThat(s.target()).isEqualTo(java.util.Arrays.copyOfRange(y, 1, 2001));
        assertThat(Narma10.generate(2000, 4).input()).isEqualTo(u);
    }

    @Test
    void lorenzIsDeterministicAndOnTheButterfly() {
        double[] xyz = Lorenz.standard().generate(5000, 5);
        assertThat(Lorenz.standard().generate(5000, 5)).isEqualTo(xyz);
        double meanZ = 0;
        double maxAbsX = 0;
        double minZ = Double.MAX_VALUE;
        double maxZ = -Double.MAX_VALUE;
        for (int t = 0; t < 5000; t++) {
            maxAbsX = Math.max(maxAbsX, Math.abs(xyz[3 * t]));
            minZ = Math.min(minZ, xyz[3 * t + 2]);
            maxZ = Math.max(maxZ, xyz[3 * t + 2]);
            meanZ += xyz[3 * t + 2] / 5000;
        }
        assertThat(maxAbsX).isLessThan(25);
        assertThat(minZ).isGreaterThan(0.0);
        assertThat(maxZ).isLessThan(55.0);
        assertThat(meanZ).isBetween(21.0, 26.0);
        // dx/dt = σ (y − x) by central differences over the 0.02 sample spacing
        double worst = 0;
        for (int t = 1; t < 4999; t++) {
            double dx = (xyz[3 * (t + 1)] - xyz[3 * (t - 1)]) / 0.04;
            // tolerance: the O(h²) truncation error of the central difference at h = 0.02
            worst = Math.max(worst, Math.abs(dx - 10 * (xyz[3 * t + 1] - xyz[3 * t])) - 0.02 * Math.abs(dx));
        }
        assertThat(worst).isLessThan(2.0);
    }
}
