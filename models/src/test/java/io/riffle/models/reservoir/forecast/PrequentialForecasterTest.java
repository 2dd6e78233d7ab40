package io.riffle.models.reservoir.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.riffle.models.metrics.Nrmse;
import io.riffle.models.readout.NlmsConfig;
import io.riffle.models.reservoir.EiSpec;
import io.riffle.models.reservoir.EsnSpec;
import io.riffle.models.reservoir.event.ScoreSums;
import io.riffle.models.series.Lorenz;
import io.riffle.models.series.MackeyGlass;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PrequentialForecasterTest {
    static final double[] MG = MackeyGlass.reservoirPy().generate(1500, 4);
    static final int[] HORIZONS = {1, 3, 7};

    static ForecasterConfig config(int maxHorizon) {
        return ForecasterConfig.defaults().withReservoir(EsnSpec.defaults().withUnits(30)).withHorizon(maxHorizon)
                .withWashout(40, 10);
    }

    @Test
    void scoresEachHorizonAgainstABatchNrmseOfTheSameForecastsAndPersistence() {
        PrequentialForecaster p = new PrequentialForecaster(config(7), HORIZONS, 1);
        SeriesKey key = p.newKey();
        int n = MG.length;
        double[][] made = new double[n][];
        boolean[] warm = new boolean[n];
        for (int t = 0; t < n; t++) {
            double[] out = new double[HORIZONS.length];
            warm[t] = p.step(key, new double[] {MG[t]}, out);
            made[t] = out;
        }
        for (int i = 0; i < HORIZONS.length; i++) {
            int k = HORIZONS[i];
            // reference: every forecast made after the washout at horizon k, against the value k points later
            int m = 0;
            double[] predicted = new double[n];
            double[] persistence = new double[n];
            double[] actual = new double[n];
            for (int t = 0; t + k < n; t++) {
                if (warm[t]) {
                    predicted[m] = made[t][i];
                    persistence[m] = MG[t];
                    actual[m] = MG[t + k];
                    m++;
                }
            }
            HorizonScores s = key.scores();
            assertThat(s.count(i)).isEqualTo(m);
            assertThat(s.nrmse(i)).isCloseTo(Nrmse.of(predicted, actual, 0, m), within(1e-12));
            assertThat(s.persistenceNrmse(i)).isCloseTo(Nrmse.of(persistence, actual, 0, m), within(1e-12));
        }
        // forecasts degrade with the horizon, and the reservoir beats persistence at every one
        double[] nrmse = key.scores().nrmseByHorizon();
        assertThat(nrmse[0]).isLessThan(nrmse[1]).isLessThan(nrmse[2]);
        for (int i = 0; i < HORIZONS.length; i++) {
            assertThat(nrmse[i]).isLessThan(key.scores().persistenceNrmse(i));
        }
    }

    @Test
    void horizonOneScoresEqualTheForecastersOwnOneStepNrmse() {
        PrequentialForecaster p = new PrequentialForecaster(config(3), new int[] {1, 3}, 1);
        SeriesKey key = p.newKey();
        double[] out = new double[2];
        for (double v : MG) {
            p.step(key, new double[] {v}, out);
        }
        assertThat(key.scores().count(0)).isEqualTo(key.model().metrics().count());
        assertThat(key.scores().nrmse(0)).isCloseTo(key.model().metrics().nrmse(), within(1e-12));
    }

    @Test
    void drainedIncrementsAddUpToTheTotalsAndPoolAsOneKey() {
        PrequentialForecaster p = new PrequentialForecaster(config(7), HORIZONS, 1);
        SeriesKey key = p.newKey();
        double[] out = new double[HORIZONS.length];
        ScoreSums sum = ScoreSums.zero(HORIZONS.length);
        for (int t = 0; t < MG.length; t++) {
            p.step(key, new double[] {MG[t]}, out);
            if (t % 97 == 0) {
                sum = sum.plus(key.scores().drain());
            }
        }
        sum = sum.plus(key.scores().drain());
        assertThat(sum.points()).isEqualTo(MG.length);
        for (int i = 0; i < HORIZONS.length; i++) {
            assertThat(sum.count()[i]).isEqualTo(key.scores().count(i));
            assertThat(sum.nrmse(i)).isCloseTo(key.scores().nrmse(i), within(1e-9));
            assertThat(sum.persistenceNrmse(i)).isCloseTo(key.scores().persistenceNrmse(i), within(1e-9));
        }
        assertThat(key.scores().drain().points()).isZero();
    }

    @Test
    void keysOfDifferentScalesAddUpToTheRootMeanSquareOfTheirNrmses() {
        PrequentialForecaster p = new PrequentialForecaster(config(3), new int[] {1, 3}, 1);
        SeriesKey small = p.newKey();
        SeriesKey large = p.newKey();
        double[] out = new double[2];
        ScoreSums sum = ScoreSums.zero(2);
        for (int t = 0; t < 1200; t++) {
            p.step(small, new double[] {MG[t]}, out);
            if (t % 3 == 0) { // a third as many points, a thousand times larger
                p.step(large, new double[] {1000 * MG[t + 200]}, out);
            }
            if (t % 250 == 0) {
                sum = sum.plus(small.scores().drain()).plus(large.scores().drain());
            }
        }
        sum = sum.plus(small.scores().drain()).plus(large.scores().drain());
        for (int i = 0; i < 2; i++) {
            long na = small.scores().count(i);
            long nb = large.scores().count(i);
            double ra = small.scores().nrmse(i);
            double rb = large.scores().nrmse(i);
            assertThat(sum.nrmse(i)).isCloseTo(Math.sqrt((na * ra * ra + nb * rb * rb) / (na + nb)), within(1e-9));
            assertThat(sum.count()[i]).isEqualTo(na + nb);
        }
    }

    @Test
    void multivariateScoresPoolOverDimensions() {
        double[] lorenz = new Lorenz(10, 28, 8.0 / 3, 0.01, 2, 500).generate(800, 3);
        PrequentialForecaster p = new PrequentialForecaster(config(2), new int[] {1, 2}, 3);
        SeriesKey key = p.newKey();
        double[] out = new double[6];
        double[][] made = new double[800][];
        for (int t = 0; t < 800; t++) {
            p.step(key, Arrays.copyOfRange(lorenz, 3 * t, 3 * t + 3), out);
            made[t] = out.clone();
        }
        // the horizon-2 forecast made at t is out[3..6), scored against u(t+2): sse / Σ_j M2_j
        double sse = 0;
        double[][] targets = new double[3][800];
        int m = 0;
        for (int t = 40; t + 2 < 800; t++) {
            for (int j = 0; j < 3; j++) {
                double e = made[t][3 + j] - lorenz[3 * (t + 2) + j];
                sse += e * e;
                targets[j][m] = lorenz[3 * (t + 2) + j];
            }
            m++;
        }
        double ss = 0;
        for (int j = 0; j < 3; j++) {
            double sd = Nrmse.std(targets[j], 0, m);
            ss += sd * sd * m;
        }
        assertThat(key.scores().count(1)).isEqualTo(m);
        assertThat(key.scores().nrmse(1)).isCloseTo(Math.sqrt(sse / ss), within(1e-9));
    }

    @Test
    void bytesRoundTripBitForBitAndARestoredKeyContinuesIdentically() throws IOException {
        PrequentialForecaster p = new PrequentialForecaster(config(7).withReservoir(EiSpec.defaults().withUnits(30)),
                HORIZONS, 1);
        SeriesKey a = p.newKey();
        double[] out = new double[HORIZONS.length];
        for (int t = 0; t < 500; t++) {
            p.step(a, new double[] {MG[t]}, out);
        }
        byte[] bytes = p.toBytes(a);
        SeriesKey b = p.fromBytes(bytes);
        assertThat(b.sameState(a)).isTrue();
        assertThat(p.toBytes(b)).isEqualTo(bytes);
        double[] outB = new double[HORIZONS.length];
        for (int t = 500; t < 900; t++) {
            p.step(a, new double[] {MG[t]}, out);
            p.step(b, new double[] {MG[t]}, outB);
            assertThat(outB).isEqualTo(out);
        }
        assertThat(b.sameState(a)).isTrue();
        assertThatThrownBy(() -> p.fromBytes(Arrays.copyOf(bytes, bytes.length - 3))).isInstanceOf(IOException.class);
    }

    @Test
    void otherHorizonsOnRestoreKeepTheModelAndStartFreshScores() throws IOException {
        PrequentialForecaster before = new PrequentialForecaster(config(7), HORIZONS, 1);
        SeriesKey a = before.newKey();
        double[] out = new double[HORIZONS.length];
        for (int t = 0; t < 300; t++) {
            before.step(a, new double[] {MG[t]}, out);
        }
        PrequentialForecaster after = new PrequentialForecaster(config(2).withReadout(a.model().readout().spec()),
                new int[] {2}, 1);
        SeriesKey b = after.fromBytes(before.toBytes(a));
        assertThat(b.model().sameState(a.model())).isTrue();
        assertThat(b.scores().points()).isZero();
        assertThat(b.scores().horizons()).containsExactly(2);
    }

    @Test
    void aRejectedValueChangesNothing() {
        PrequentialForecaster p = new PrequentialForecaster(config(3).withReadout(NlmsConfig.defaults()),
                new int[] {1, 3}, 1);
        SeriesKey key = p.newKey();
        double[] out = new double[2];
        for (int t = 0; t < 100; t++) {
            p.step(key, new double[] {MG[t]}, out);
        }
        byte[] before = p.toBytes(key);
        assertThatThrownBy(() -> p.step(key, new double[] {Double.NaN}, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(p.toBytes(key)).isEqualTo(before);
    }

    @Test
    void configurationIsCheckedUpFront() {
        assertThatThrownBy(() -> new PrequentialForecaster(config(7), new int[] {1, 3}, 1))
                .hasMessageContaining("largest of the horizons");
        assertThatThrownBy(() -> new PrequentialForecaster(config(3), new int[] {3, 1}, 1))
                .hasMessageContaining("ascending");
    }

    @Test
    void theConfigurationRoundTripsThroughItsBytes() {
        ForecasterConfig c = config(7).withReservoir(EiSpec.defaults().withUnits(50)).withRefit(500, 1e-4)
                .withNormalizeInputs(false);
        assertThat(ForecasterConfigCodec.fromBytes(ForecasterConfigCodec.toBytes(c))).isEqualTo(c);
        ForecasterConfig n = ForecasterConfig.defaults().withReadout(NlmsConfig.defaults());
        assertThat(ForecasterConfigCodec.fromBytes(ForecasterConfigCodec.toBytes(n))).isEqualTo(n);
    }
}
