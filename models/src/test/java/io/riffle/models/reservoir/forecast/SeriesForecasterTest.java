package io.riffle.models.reservoir.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.riffle.models.metrics.NrmseAccumulator;
import io.riffle.models.readout.NlmsConfig;
import io.riffle.models.readout.RlsConfig;
import io.riffle.models.readout.RlsReadout;
import io.riffle.models.reservoir.EiSpec;
import io.riffle.models.reservoir.EsnSpec;
import io.riffle.models.reservoir.GatedCellSpec;
import io.riffle.models.reservoir.GatedCellSpec.Gating;
import io.riffle.models.reservoir.ReservoirSpec;
import io.riffle.models.series.Lorenz;
import io.riffle.models.series.MackeyGlass;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class SeriesForecasterTest {
    static final double[] MG = MackeyGlass.reservoirPy().generate(2500, 1);

    static ForecasterConfig small(int horizon) {
        return ForecasterConfig.defaults().withReservoir(EsnSpec.defaults().withUnits(40)).withHorizon(horizon)
                .withWashout(50, 10);
    }

    static PointResult feed(SeriesForecaster f, KeyState s, double value) {
        return f.predictThenUpdate(s, new double[] {value});
    }

    @Test
    void closedLoopHorizonOneEqualsTheOpenLoopOneStepPrediction() {
        SeriesForecaster f = new SeriesForecaster(small(5), 1);
        KeyState s = f.newState();
        PointResult last = null;
        for (int t = 0; t < 300; t++) {
            PointResult r = feed(f, s, MG[t]);
            if (last != null) {
                // the prior of u(t) is, bit for bit, the horizon-1 forecast made at t−1
                assertThat(r.prior()[0]).isEqualTo(last.forecast(1, 0));
            }
            last = r;
        }
        double[] open = new double[1];
        double[] closed1 = new double[1];
        double[] closed5 = new double[5];
        f.predictNext(s, open);
        f.forecast(s, 1, closed1);
        f.forecast(s, 5, closed5);
        assertThat(closed1[0]).isEqualTo(open[0]);
        assertThat(closed5[0]).isEqualTo(open[0]);
        assertThat(last.forecasts()).isEqualTo(closed5);
    }

    @Test
    void forecastingDoesNotChangeTheKeysState() {
        SeriesForecaster f = new SeriesForecaster(small(8).withReservoir(EiSpec.defaults().withUnits(40)), 1);
        KeyState s = f.newState();
        for (int t = 0; t < 200; t++) {
            feed(f, s, MG[t]);
        }
        byte[] before = f.toBytes(s);
        f.forecast(s, 20, new double[20]);
        assertThat(f.toBytes(s)).isEqualTo(before);
    }

    @Test
    void multiStepForecastsOfMackeyGlassAreAccurateAndDegradeWithHorizon() {
        SeriesForecaster f = new SeriesForecaster(ForecasterConfig.defaults().withHorizon(10)
                .withReservoir(EsnSpec.defaults().withUnits(200))
                .withReadout(RlsConfig.defaults().withForgetting(1.0).withDelta(1e-4)), 1);
        KeyState s = f.newState();
        NrmseAccumulator h1 = new NrmseAccumulator(1);
        NrmseAccumulator h10 = new NrmseAccumulator(1);
        double[][] made = new double[MG.length][];
        for (int t = 0; t < 2000; t++) {
            PointResult r = feed(f, s, MG[t]);
            made[t] = r.forecasts();
            if (t >= 1200) {
                h1.add(made[t - 1][0], MG[t]);
                h10.add(made[t - 10][9], MG[t]);
            }
        }
        assertThat(h1.nrmse()).isLessThan(0.01);
        assertThat(h10.nrmse()).isLessThan(0.15).isGreaterThan(h1.nrmse());
    }

    @Test
    void theAllocationFreeFormAllocatesNothingPerPoint() {
        SeriesForecaster f = new SeriesForecaster(small(5).withReservoir(EiSpec.defaults().withUnits(40)), 1);
        KeyState s = f.newState();
        double[] value = new double[1];
        double[] prior = new double[1];
        double[] forecasts = new double[5];
        for (int t = 0; t < 20_000; t++) { // warm up the JIT
            value[0] = MG[t % MG.length];
            f.predictThenUpdate(s, value, prior, forecasts);
        }
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int t = 0; t < 5_000; t++) {
            value[0] = MG[t % MG.length];
            f.predictThenUpdate(s, value, prior, forecasts);
        }
        assertThat(threads.getThreadAllocatedBytes(id) - before).as("bytes allocated by 5000 points").isLessThan(4096);
    }

    @Test
    void washoutFlagsTheFirstForecastsAndKeepsThemOutOfTheMetrics() {
        SeriesForecaster f = new SeriesForecaster(small(1), 1);
        KeyState s = f.newState();
        for (int t = 0; t < 120; t++) {
            PointResult r = feed(f, s, MG[t]);
            assertThat(r.index()).isEqualTo(t);
            assertThat(r.warm()).isEqualTo(t >= 50);
            assertThat(r.priorWarm()).isEqualTo(t >= 51);
            if (t == 0) {
                assertThat(r.prior()).isNull();
            }
        }
        assertThat(s.metrics().count()).isEqualTo(120 - 51);
        assertThat(s.readout().updates()).isEqualTo(120 - 11);
    }

    @Test
    void learnsMackeyGlassOnlineAndBeatsPersistence() {
        SeriesForecaster f = new SeriesForecaster(ForecasterConfig.defaults(), 1);
        KeyState s = f.newState();
        NrmseAccumulator persistence = new NrmseAccumulator(1);
        for (int t = 0; t < 2000; t++) {
            feed(f, s, MG[t]);
            if (t > 100) {
                persistence.add(MG[t - 1], MG[t]);
            }
        }
        assertThat(s.metrics().nrmse()).isLessThan(0.05).isLessThan(persistence.nrmse() / 3);
        assertThat(((RlsReadout) s.readout()).resets()).isZero();
    }

    @Test
    void forecastsMultivariateLorenz() {
        double[] xyz = Lorenz.standard().generate(3000, 2);
        ForecasterConfig config = ForecasterConfig.defaults().withReservoir(EsnSpec.defaults().withUnits(80))
                .withHorizon(3);
        SeriesForecaster f = new SeriesForecaster(config, 3);
        KeyState s = f.newState();
        NrmseAccumulator persistence = new NrmseAccumulator(3);
        for (int t = 0; t < 3000; t++) {
            double[] v = {xyz[3 * t], xyz[3 * t + 1], xyz[3 * t + 2]};
            PointResult r = f.predictThenUpdate(s, v);
            assertThat(r.forecasts()).hasSize(9);
            if (t > 100) {
                persistence.add(new double[] {xyz[3 * t - 3], xyz[3 * t - 2], xyz[3 * t - 1]}, v);
            }
        }
        assertThat(s.metrics().nrmse()).isLessThan(persistence.nrmse() / 2);
    }

    @Test
    void everyCellAndReadoutKindRunsThroughTheForecaster() {
        ReservoirSpec[] specs = {EsnSpec.defaults().withUnits(30), EiSpec.defaults().withUnits(30),
                new GatedCellSpec(Gating.GRU, 30, 0.2, 1.0, 1.0, 0.2, 1), new GatedCellSpec(Gating.LSTM, 30, 0.2, 1.0, 1.0, 0.2, 1)};
        for (ReservoirSpec spec : specs) {
            for (var readout : new io.riffle.models.readout.ReadoutSpec[] {RlsConfig.defaults(),
                    NlmsConfig.defaults()}) {
                SeriesForecaster f = new SeriesForecaster(small(4).withReservoir(spec).withReadout(readout), 1);
                KeyState s = f.newState();
                NrmseAccumulator persistence = new NrmseAccumulator(1);
                for (int t = 0; t < 1500; t++) {
                    PointResult r = feed(f, s, MG[t]);
                    for (double v : r.forecasts()) {
                        assertThat(v).isFinite();
                    }
                    if (t > 50) {
                        persistence.add(MG[t - 1], MG[t]);
                    }
                }
                // RLS beats persistence with every cell; NLMS (slow on correlated, uncentred features) must at
                // least beat the series' mean
                double bound = readout instanceof RlsConfig ? persistence.nrmse() : 1.0;
                assertThat(s.metrics().nrmse()).as(spec + " " + readout).isLessThan(bound);
            }
        }
    }

    @Test
    void serializationRoundTripsBitForBitAndARestoredKeyContinuesIdentically() throws IOException {
        ForecasterConfig config = small(3).withReservoir(EiSpec.defaults().withUnits(40)).withRefit(40, 1e-4);
        SeriesForecaster f = new SeriesForecaster(config, 1);
        KeyState uninterrupted = f.newState();
        for (int t = 0; t < 200; t++) {
            feed(f, uninterrupted, MG[t]);
        }
        byte[] bytes = f.toBytes(uninterrupted);
        assertThat(bytes).hasSize(f.serializedSize(uninterrupted));
        // a second forecaster instance (as after a failover) restores the key
        SeriesForecaster g = new SeriesForecaster(config, 1);
        KeyState restored = g.fromBytes(bytes);
        assertThat(restored.sameState(uninterrupted)).isTrue();
        assertThat(g.toBytes(restored)).isEqualTo(bytes);
        for (int t = 200; t < 400; t++) {
            PointResult a = feed(f, uninterrupted, MG[t]);
            PointResult b = feed(g, restored, MG[t]);
            assertThat(b.forecasts()).isEqualTo(a.forecasts());
            assertThat(b.prior()).isEqualTo(a.prior());
        }
        assertThat(g.toBytes(restored)).isEqualTo(f.toBytes(uninterrupted));
    }

    @Test
    void toBytesEqualsTheDataOutputFormAndTruncatedBytesAreRefused() throws IOException {
        SeriesForecaster f = new SeriesForecaster(small(2).withRefit(30, 1e-4), 1);
        KeyState s = f.newState();
        for (int t = 0; t < 90; t++) {
            feed(f, s, MG[t]);
        }
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        f.write(s, new java.io.DataOutputStream(stream));
        byte[] bytes = f.toBytes(s);
        assertThat(stream.toByteArray()).isEqualTo(bytes);
        KeyState viaStream = f.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes)));
        assertThat(viaStream.sameState(s)).isTrue();
        assertThatThrownBy(() -> f.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(java.io.EOFException.class);
        assertThatThrownBy(() -> f.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(IOException.class).hasMessageContaining("trailing bytes");
    }

    @Test
    void copyIsEqualAndIndependent() {
        SeriesForecaster f = new SeriesForecaster(small(2), 1);
        KeyState s = f.newState();
        for (int t = 0; t < 100; t++) {
            feed(f, s, MG[t]);
        }
        byte[] before = f.toBytes(s);
        KeyState copy = s.copy();
        assertThat(copy.sameState(s)).isTrue();
        feed(f, copy, MG[100]);
        assertThat(copy.sameState(s)).isFalse();
        assertThat(f.toBytes(s)).isEqualTo(before);
    }

    @Test
    void nonFiniteOrMisshapedValuesAreRejectedWithTheStateUntouched() {
        SeriesForecaster f = new SeriesForecaster(small(2), 1);
        KeyState s = f.newState();
        for (int t = 0; t < 80; t++) {
            feed(f, s, MG[t]);
        }
        byte[] before = f.toBytes(s);
        assertThatThrownBy(() -> feed(f, s, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value[0] is NaN").hasMessageContaining("state unchanged");
        assertThatThrownBy(() -> feed(f, s, Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.predictThenUpdate(s, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must have 1 components");
        assertThat(f.toBytes(s)).isEqualTo(before);
    }

    @Test
    void aStateWrittenUnderOtherWeightsIsRefused() {
        SeriesForecaster f = new SeriesForecaster(small(1), 1);
        KeyState s = f.newState();
        feed(f, s, 1.0);
        SeriesForecaster other = new SeriesForecaster(small(1).withReservoir(EsnSpec.defaults().withUnits(40)
                .withSeed(99)), 1);
        assertThatThrownBy(() -> other.fromBytes(f.toBytes(s))).isInstanceOf(IOException.class)
                .hasMessageContaining("written under other settings");
        // readout hyperparameters may change between a checkpoint and a restore
        SeriesForecaster retuned = new SeriesForecaster(small(3).withReadout(RlsConfig.defaults().withForgetting(0.99)),
                1);
        org.assertj.core.api.Assertions.assertThatCode(() -> retuned.fromBytes(f.toBytes(s)))
                .doesNotThrowAnyException();
    }

    @Test
    void theRefitGuardAgreesWithRlsWhenNothingHasDrifted() {
        ForecasterConfig plain = small(1).withReadout(new RlsConfig(1.0, 1e-3, 1.0));
        SeriesForecaster f = new SeriesForecaster(plain, 1);
        SeriesForecaster g = new SeriesForecaster(plain.withRefit(100, 1e-3), 1);
        KeyState a = f.newState();
        KeyState b = g.newState();
        for (int t = 0; t < 600; t++) {
            PointResult ra = feed(f, a, MG[t]);
            PointResult rb = feed(g, b, MG[t]);
            assertThat(rb.forecast(1, 0)).isCloseTo(ra.forecast(1, 0), within(1e-7));
        }
    }

    @Test
    void readsTheGoldenFormatOneKeyState() throws IOException {
        byte[] golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/reservoir-keystate-format1.bin")) {
            assertThat(in).as("golden file").isNotNull();
            golden = in.readAllBytes();
        }
        SeriesForecaster f = new SeriesForecaster(GoldenKeyState.CONFIG, 1);
        KeyState restored = f.fromBytes(golden);
        assertThat(f.toBytes(restored)).isEqualTo(golden);
        assertThat(restored.seen()).isEqualTo(GoldenKeyState.POINTS);
        // the same config and series today give the same state (weights regenerated from the seed)
        KeyState recomputed = GoldenKeyState.compute(f);
        double[] a = new double[3];
        double[] b = new double[3];
        f.forecast(restored, 3, a);
        f.forecast(recomputed, 3, b);
        assertThat(a).containsExactly(b, within(1e-9));
        assertThat(restored.reservoirState()).containsExactly(recomputed.reservoirState(), within(1e-12));
    }
}
