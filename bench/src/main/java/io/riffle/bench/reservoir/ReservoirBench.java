package io.riffle.bench.reservoir;

import io.riffle.models.metrics.MemoryCapacity;
import io.riffle.models.metrics.Nrmse;
import io.riffle.models.metrics.NrmseAccumulator;
import io.riffle.models.readout.FeatureLayout;
import io.riffle.models.readout.NlmsConfig;
import io.riffle.models.readout.ReadoutSpec;
import io.riffle.models.readout.RidgeAccumulator;
import io.riffle.models.readout.RlsConfig;
import io.riffle.models.reservoir.EiSpec;
import io.riffle.models.reservoir.EsnSpec;
import io.riffle.models.reservoir.GatedCellSpec;
import io.riffle.models.reservoir.GatedCellSpec.Gating;
import io.riffle.models.reservoir.ReservoirCell;
import io.riffle.models.reservoir.ReservoirSpec;
import io.riffle.models.reservoir.forecast.ForecasterConfig;
import io.riffle.models.reservoir.forecast.KeyState;
import io.riffle.models.reservoir.forecast.SeriesForecaster;
import io.riffle.models.series.MackeyGlass;
import io.riffle.models.series.Narma10;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Quality and throughput of the reservoir layer: prints one table per section and returns all rows for
 * {@code bench.json}. Run it as {@code ./riffle bench reservoir --out DIR} ({@link ReservoirBenchCommand}), which
 * adds the Flink pipeline against the bare kernel ({@link ReservoirPipelineBench}).
 *
 * Sections: {@code mg-reservoirpy} (ReservoirPy's Mackey-Glass example, offline ridge and online RLS),
 * {@code narma10}, {@code memory-capacity} (ESN, E/I with and without adaptation, GRU, LSTM), {@code real-series}
 * (Santa Fe laser, sunspots, Mackey-Glass file: online NRMSE against persistence), {@code state-size},
 * {@code throughput} (one key, and 10 000 keys with and without byte serialisation per point). All numbers are for
 * one thread; NRMSE is RMSE divided by the population standard deviation of the targets of the same points.
 */
public final class ReservoirBench {
    /** The sections, in the order they run. */
    static final List<String> SECTIONS = List.of("mg-reservoirpy", "narma10", "memory-capacity", "real-series",
            "state-size", "throughput");

    private final Path data;
    private final boolean quick;
    private final PrintStream out;
    private final Map<String, Object> report = new LinkedHashMap<>();

    ReservoirBench(Path data, boolean quick, PrintStream out) {
        this.data = data;
        this.quick = quick;
        this.out = out;
    }

    /** Same as {@code riffle bench reservoir ARGS}. */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new ReservoirBenchCommand()).execute(args));
    }

    /** Runs the sections named in {@code only} (all when empty) and returns their tables by name. */
    Map<String, Object> run(Set<String> only) throws Exception {
        Map<String, ThrowingRunnable> sections = new LinkedHashMap<>();
        sections.put("mg-reservoirpy", this::mackeyGlassReservoirPy);
        sections.put("narma10", this::narma10);
        sections.put("memory-capacity", this::memoryCapacity);
        sections.put("real-series", this::realSeries);
        sections.put("state-size", this::stateSize);
        sections.put("throughput", this::throughput);
        for (Map.Entry<String, ThrowingRunnable> e : sections.entrySet()) {
            if (only.isEmpty() || only.contains(e.getKey())) {
                long t0 = System.nanoTime();
                e.getValue().run();
                out.printf(Locale.ROOT, "(%s: %.1f s)%n%n", e.getKey(), (System.nanoTime() - t0) / 1e9);
            }
        }
        return report;
    }

    /** A table that prints to this bench's output and is recorded in its report. */
    Table table(String name) {
        return new Table(name);
    }

    boolean quick() {
        return quick;
    }

    /** Every table printed so far, by name. */
    Map<String, Object> report() {
        return report;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A printed and recorded table. */
    final class Table {
        final String name;
        final List<Map<String, Object>> rows = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Table(String name) {
            this.name = name;
        }

        Map<String, Object> row() {
            Map<String, Object> r = new LinkedHashMap<>();
            rows.add(r);
            return r;
        }

        void note(String s) {
            notes.add(s);
        }

        void print() {
            out.println("== " + name);
            List<String> cols = new ArrayList<>();
            for (Map<String, Object> r : rows) {
                for (String k : r.keySet()) {
                    if (!cols.contains(k)) {
                        cols.add(k);
                    }
                }
            }
            int[] width = new int[cols.size()];
            for (int c = 0; c < cols.size(); c++) {
                width[c] = cols.get(c).length();
                for (Map<String, Object> r : rows) {
                    width[c] = Math.max(width[c], format(r.get(cols.get(c))).length());
                }
            }
            StringBuilder sb = new StringBuilder("| ");
            for (int c = 0; c < cols.size(); c++) {
                sb.append(pad(cols.get(c), width[c])).append(" | ");
            }
            out.println(sb.toString().stripTrailing());
            sb = new StringBuilder("|");
            for (int w : width) {
                sb.append("-".repeat(w + 2)).append("|");
            }
            out.println(sb);
            for (Map<String, Object> r : rows) {
                sb = new StringBuilder("| ");
                for (int c = 0; c < cols.size(); c++) {
                    sb.append(pad(format(r.get(cols.get(c))), width[c])).append(" | ");
                }
                out.println(sb.toString().stripTrailing());
            }
            for (String n : notes) {
                out.println("  " + n);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("rows", rows);
            json.put("notes", notes);
            report.put(name, json);
        }
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    private static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            double a = Math.abs(d);
            if (a != 0 && (a < 1e-3 || a >= 1e6)) {
                return String.format(Locale.ROOT, "%.3e", d);
            }
            return String.format(Locale.ROOT, a >= 100 ? "%.0f" : "%.4f", d);
        }
        return v.toString();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return v.length > 1 ? Math.sqrt(s / (v.length - 1)) : 0.0;
    }

    /**
     * Runs {@code cell} over {@code inputs} (scalar) and fits a ridge readout on φ = layout(state, input) for
     * t ∈ [trainFrom, trainTo) to {@code targets[t]}; returns predictions for t ∈ [trainTo, inputs.length).
     */
    private static double[] offlineRidge(ReservoirCell cell, FeatureLayout layout, double[] inputs, double[] targets,
            int trainFrom, int trainTo, double ridge) {
        int n = cell.units();
        int f = layout.size(n, 1);
        double[] state = new double[cell.stateSize()];
        double[] work = new double[cell.workSize()];
        double[] u = new double[1];
        double[] y = new double[1];
        double[] phi = new double[f];
        cell.initialState(state);
        RidgeAccumulator acc = new RidgeAccumulator(f, 1, 1.0);
        double[] w = null;
        double[] predictions = new double[inputs.length - trainTo];
        for (int t = 0; t < inputs.length; t++) {
            u[0] = inputs[t];
            cell.step(u, state, work, t < trainFrom); // adaptive cells adapt only during the washout
            layout.fill(state, n, u, phi);
            if (t >= trainFrom && t < trainTo) {
                y[0] = targets[t];
                acc.increment(phi, y);
            }
            if (t == trainTo - 1) {
                w = acc.result(ridge);
            }
            if (t >= trainTo) {
                double p = 0;
                for (int j = 0; j < f; j++) {
                    p += w[j] * phi[j];
                }
                predictions[t - trainTo] = p;
            }
        }
        return predictions;
    }

    /** Prequential run of a forecaster over a scalar series; returns the prior (one-step) forecasts, NaN at 0. */
    private static double[] online(ForecasterConfig config, double[] series) {
        SeriesForecaster f = new SeriesForecaster(config, 1);
        KeyState s = f.newState();
        double[] priors = new double[series.length];
        double[] value = new double[1];
        double[] prior = new double[1];
        double[] forecasts = new double[config.horizon()];
        for (int t = 0; t < series.length; t++) {
            value[0] = series[t];
            f.predictThenUpdate(s, value, prior, forecasts);
            priors[t] = prior[0];
        }
        return priors;
    }

    private static double[] persistence(double[] series) {
        double[] p = new double[series.length];
        p[0] = Double.NaN;
        System.arraycopy(series, 0, p, 1, series.length - 1);
        return p;
    }

    private static double[] slice(double[] x, int from, int to) {
        return java.util.Arrays.copyOfRange(x, from, to);
    }

    // ------------------------------------------------------------------------------------------------ sections

    /**
     * ReservoirPy's README example: mackey_glass(2000) (RK4, dt = 1, τ = 17), one-step pairs, last 20% for test,
     * warmup 100, Reservoir(100, sr=1.25, lr=0.3) with its default Bernoulli inputs and bias, Ridge(1e-5) on state +
     * bias, raw (unnormalised) values. Published: RMSE 0.0020282, R² 0.99992.
     */
    private void mackeyGlassReservoirPy() {
        Table t = new Table("mg-reservoirpy");
        double[] x = MackeyGlass.reservoirPy().generate(2000, 1);
        int pairs = x.length - 1;
        int testLen = (int) Math.round(pairs * 0.2);
        int trainTo = pairs - testLen;
        double[] inputs = slice(x, 0, pairs);
        double[] targets = slice(x, 1, x.length);
        double[] actual = slice(targets, trainTo, pairs);
        int seeds = quick ? 2 : 5;
        Map<String, Object> published = t.row();
        published.put("model", "ReservoirPy published (offline ridge, 100 units)");
        published.put("rmse", 0.0020282);
        published.put("seeds", 1);
        for (int n : new int[] {100, 500}) {
            double[] offRmse = new double[seeds];
            double[] onRmse = new double[seeds];
            double[] defRmse = new double[seeds];
            double[] offNrmse = new double[seeds];
            for (int s = 0; s < seeds; s++) {
                EsnSpec spec = EsnSpec.reservoirPyExample().withUnits(n).withSeed(1000 + s);
                double[] pred = offlineRidge(spec.build(1), FeatureLayout.stateAndBias(), inputs, targets, 100,
                        trainTo, 1e-5);
                offRmse[s] = Nrmse.rmse(pred, actual, 0, testLen);
                offNrmse[s] = Nrmse.of(pred, actual);
                ForecasterConfig same = new ForecasterConfig(spec, new RlsConfig(1.0, 1e-5, 1.0),
                        FeatureLayout.stateAndBias(), 1, 100, 100, false, 0, 0);
                double[] priors = online(same, x);
                onRmse[s] = Nrmse.rmse(slice(priors, trainTo + 1, x.length), actual, 0, testLen);
                ForecasterConfig defaults = ForecasterConfig.defaults()
                        .withReservoir(EsnSpec.defaults().withUnits(n).withSeed(1000 + s))
                        .withReadout(RlsConfig.defaults().withForgetting(1.0).withDelta(1e-5));
                double[] dPriors = online(defaults, x);
                defRmse[s] = Nrmse.rmse(slice(dPriors, trainTo + 1, x.length), actual, 0, testLen);
            }
            Map<String, Object> r = t.row();
            r.put("model", "Riffle offline ridge 1e-5, same settings, " + n + " units");
            r.put("rmse", mean(offRmse));
            r.put("rmse_sd", sd(offRmse));
            r.put("nrmse", mean(offNrmse));
            r.put("seeds", seeds);
            r = t.row();
            r.put("model", "Riffle online RLS (λ=1, δ=1e-5), same settings, " + n + " units");
            r.put("rmse", mean(onRmse));
            r.put("rmse_sd", sd(onRmse));
            r.put("seeds", seeds);
            r = t.row();
            r.put("model", "Riffle online RLS (λ=1, δ=1e-5), EsnSpec.defaults, " + n + " units");
            r.put("rmse", mean(defRmse));
            r.put("rmse_sd", sd(defRmse));
            r.put("seeds", seeds);
        }
        t.note("Test = last " + testLen + " of " + pairs + " one-step pairs; offline ridge trained on pairs [100, "
                + trainTo + "); online RLS is prequential over the whole series, errors taken on the same test "
                + "points.");
        t.note("Our Mackey-Glass generator uses ReservoirPy's scheme (RK4, dt=1, delay held over a step) but another "
                + "random stream for the initial history; mean and sd over reservoir seeds.");
        t.print();
    }

    /** NARMA-10 system identification: u ~ U[0, 0.5] in, y(t+1) out. */
    private void narma10() {
        Table t = new Table("narma10");
        int wash = 200;
        int train = quick ? 2000 : 5000;
        int test = 2000;
        Narma10.Series s = Narma10.generate(wash + train + test, 1);
        double[] actual = slice(s.target(), wash + train, wash + train + test);
        // picked on a small grid (ρ ∈ {0.8, 0.95, 1.1}, leak ∈ {0.5, 1}, input ∈ {0.5, 1, 2}, bias ∈ {0, 0.2})
        // with 100 units on this series
        for (int n : quick ? new int[] {100} : new int[] {100, 500}) {
            Map<String, ReservoirSpec> cells = new LinkedHashMap<>();
            cells.put("ESN", new EsnSpec(n, 0.1, 0.95, 1.0, 0.5, 1.0, 0.2, 42));
            if (n == 100) {
                cells.put("E/I adaptive (defaults)", EiSpec.defaults());
                cells.put("E/I non-adaptive", EiSpec.defaults().withAdaptation(0));
                cells.put("GRU (random, fixed)", GatedCellSpec.defaults(Gating.GRU));
                cells.put("LSTM (random, fixed)", GatedCellSpec.defaults(Gating.LSTM));
            }
            for (Map.Entry<String, ReservoirSpec> e : cells.entrySet()) {
                double[] pred = offlineRidge(e.getValue().build(1), FeatureLayout.defaults(), s.input(), s.target(),
                        wash, wash + train, 1e-6);
                Map<String, Object> r = t.row();
                r.put("reservoir", e.getKey());
                r.put("units", n);
                r.put("offline_ridge_nrmse", Nrmse.of(pred, actual));
                if (e.getKey().equals("ESN")) {
                    r.put("online_rls_nrmse", onlineNarma(e.getValue().build(1), s, wash, wash + train));
                }
            }
        }
        t.note("y(t+1) = 0.3 y(t) + 0.05 y(t) Σ_{i=0..9} y(t−i) + 1.5 u(t−9) u(t) + 0.1, u ~ U[0, 0.5], seed 1; "
                + "washout " + wash + ", train " + train + ", test " + test + "; features state + input + bias; "
                + "ridge 1e-6. Online RLS (λ=1, δ=1e-6): prequential NRMSE on the same test points.");
        t.print();
    }

    private static double onlineNarma(ReservoirCell cell, Narma10.Series s, int trainFrom, int testFrom) {
        FeatureLayout layout = FeatureLayout.defaults();
        int n = cell.units();
        int f = layout.size(n, 1);
        var rls = new RlsConfig(1.0, 1e-6, 1.0).create(f, 1);
        double[] state = new double[cell.stateSize()];
        double[] work = new double[cell.workSize()];
        double[] u = new double[1];
        double[] y = new double[1];
        double[] phi = new double[f];
        double[] p = new double[1];
        cell.initialState(state);
        NrmseAccumulator acc = new NrmseAccumulator(1);
        for (int t = 0; t < s.input().length; t++) {
            u[0] = s.input()[t];
            cell.step(u, state, work, true);
            layout.fill(state, n, u, phi);
            rls.predict(phi, p);
            y[0] = s.target()[t];
            if (t >= testFrom) {
                acc.add(p[0], y[0]);
            }
            if (t >= trainFrom) {
                rls.update(phi, y);
            }
        }
        return acc.nrmse();
    }

    /** Jaeger's memory capacity, max delay 200, washout (adaptation phase) 20000, train 4000, test 4000. */
    private void memoryCapacity() {
        Table t = new Table("memory-capacity");
        int washout = quick ? 5000 : 20_000;
        int steps = 4000;
        Map<String, ReservoirSpec> baselines = new LinkedHashMap<>();
        baselines.put("ESN tanh (ρ=0.95, leak 1, input 0.1, no bias)", new EsnSpec(100, 0.1, 0.95, 1.0, 0.1, 1.0,
                0.0, 42));
        baselines.put("ESN tanh, EsnSpec.defaults (forecasting)", EsnSpec.defaults());
        baselines.put("GRU random", GatedCellSpec.defaults(Gating.GRU));
        baselines.put("LSTM random", GatedCellSpec.defaults(Gating.LSTM));
        for (Map.Entry<String, ReservoirSpec> e : baselines.entrySet()) {
            Map<String, Object> r = t.row();
            r.put("reservoir", e.getKey());
            r.put("mc", MemoryCapacity.measure(e.getValue().build(1), 200, washout, steps, steps, 1e-6, 1).total());
        }
        double[] radii = quick ? new double[] {2} : new double[] {1, 2, 3};
        double[] balances = quick ? new double[] {0.5, 1} : new double[] {0.5, 1, 2};
        List<Double> gains = new ArrayList<>();
        for (double rho : radii) {
            for (double balance : balances) {
                EiSpec base = EiSpec.defaults().withDynamics(rho, balance, 1.0);
                double fixed = mc(base.withAdaptation(0), washout, steps);
                double homogeneous = mc(base.withTargets(0.3, 0.3), washout, steps);
                double heterogeneous = mc(base, washout, steps);
                Map<String, Object> r = t.row();
                r.put("reservoir", String.format(Locale.ROOT, "E/I ρ=%.0f balance=%.1f", rho, balance));
                r.put("mc_non_adaptive", fixed);
                r.put("mc_adaptive_target_0.3", homogeneous);
                r.put("mc_adaptive_targets_0.2-0.4", heterogeneous);
                r.put("gain_heterogeneous_pct", 100 * (heterogeneous / fixed - 1));
                gains.add(100 * (heterogeneous / fixed - 1));
            }
        }
        t.note("100 units, u ~ U[−1, 1], delays 1..200, readout ridge 1e-6 on state + bias; adaptation runs only "
                + "during the " + washout + "-step washout, then frozen for train/test (" + steps + " each). "
                + "Finite-test bias ≈ 200/" + steps + " = " + (200.0 / steps) + " per reservoir.");
        t.note("E/I: adaptation η=2e-3, gains start at 1 (the non-adaptive reservoir is the same weights with g ≡ 1). "
                + String.format(Locale.ROOT, "Heterogeneous-target gain over non-adaptive: min %.0f%%, max %.0f%%.",
                        gains.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                        gains.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
        t.print();
    }

    private static double mc(EiSpec spec, int washout, int steps) {
        return MemoryCapacity.measure(spec.build(1), 200, washout, steps, steps, 1e-6, 1).total();
    }

    /** Online one-step NRMSE on the real series against persistence. */
    private void realSeries() throws IOException {
        Table t = new Table("real-series");
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("santafe-laser", Datasets.santaFeLaser(data));
        series.put("sunspots-monthly", Datasets.sunspots(data));
        series.put("mackey-glass-file", Datasets.mackeyGlassFile(data));
        Map<String, ForecasterConfig> models = new LinkedHashMap<>();
        ForecasterConfig defaults = ForecasterConfig.defaults();
        models.put("ESN-100 + RLS (defaults)", defaults);
        models.put("ESN-300 + RLS (λ=0.9997)", defaults.withReservoir(EsnSpec.defaults().withUnits(300))
                .withReadout(RlsConfig.defaults().withForgetting(0.9997)));
        models.put("ESN-100 + NLMS (defaults)", defaults.withReadout(NlmsConfig.defaults()));
        models.put("E/I-100 adaptive + RLS", defaults.withReservoir(EiSpec.defaults()));
        models.put("E/I-100 non-adaptive + RLS", defaults.withReservoir(EiSpec.defaults().withAdaptation(0)));
        if (!quick) {
            models.put("GRU-100 + RLS", defaults.withReservoir(GatedCellSpec.defaults(Gating.GRU)));
            models.put("LSTM-100 + RLS", defaults.withReservoir(GatedCellSpec.defaults(Gating.LSTM)));
        }
        for (Map.Entry<String, double[]> s : series.entrySet()) {
            double[] x = s.getValue();
            int from = defaults.washout() + 1;
            int half = x.length / 2;
            double[] pers = persistence(x);
            Map<String, Object> r = t.row();
            r.put("series", s.getKey() + " (" + x.length + ")");
            r.put("model", "persistence y(t+1)=y(t)");
            r.put("nrmse_all", Nrmse.of(slice(pers, from, x.length), slice(x, from, x.length)));
            r.put("nrmse_2nd_half", Nrmse.of(slice(pers, half, x.length), slice(x, half, x.length)));
            for (Map.Entry<String, ForecasterConfig> m : models.entrySet()) {
                double[] priors = online(m.getValue(), x);
                r = t.row();
                r.put("series", s.getKey() + " (" + x.length + ")");
                r.put("model", m.getKey());
                r.put("nrmse_all", Nrmse.of(slice(priors, from, x.length), slice(x, from, x.length)));
                r.put("nrmse_2nd_half", Nrmse.of(slice(priors, half, x.length), slice(x, half, x.length)));
            }
        }
        t.note("Prequential: each point is predicted before the model learns from it; 'all' = every point after the "
                + "100-point washout, '2nd half' = the last 50% of the series. Raw values in, raw forecasts out "
                + "(inputs normalised per key with running mean/std).");
        t.print();
    }

    /** Serialised per-key state in bytes, as {@link SeriesForecaster#toBytes} writes it. */
    private void stateSize() {
        Table t = new Table("state-size");
        for (int n : new int[] {100, 300, 1000}) {
            for (String kind : new String[] {"RLS", "RLS + ridge guard", "NLMS", "E/I + RLS"}) {
                ForecasterConfig c = configFor(kind, n);
                SeriesForecaster f = new SeriesForecaster(c, 1);
                KeyState s = f.newState();
                f.predictThenUpdate(s, new double[] {1.0});
                Map<String, Object> r = t.row();
                r.put("units", n);
                r.put("readout", kind);
                r.put("features", f.features());
                r.put("bytes_per_key", f.serializedSize(s));
                r.put("bytes_check", f.toBytes(s).length);
            }
        }
        t.note("d = 1, features = state + input + bias. RLS stores P's upper triangle, F(F+1)/2 doubles, in memory "
                + "and in bytes alike; the ridge guard adds the same again for A.");
        t.print();
    }

    private static ForecasterConfig configFor(String kind, int n) {
        ForecasterConfig c = ForecasterConfig.defaults().withReservoir(EsnSpec.defaults().withUnits(n));
        return switch (kind) {
            case "RLS" -> c;
            case "RLS + ridge guard" -> c.withRefit(1000, 1e-4);
            case "NLMS" -> c.withReadout(NlmsConfig.defaults());
            case "E/I + RLS" -> c.withReservoir(EiSpec.defaults().withUnits(n));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Points per second on one thread. */
    private void throughput() throws IOException {
        Table t = new Table("throughput");
        double[] x = MackeyGlass.reservoirPy().generate(50_000, 3);
        double seconds = quick ? 1.0 : 2.0;
        for (int n : new int[] {100, 300, 1000}) {
            for (ReadoutSpec readout : new ReadoutSpec[] {RlsConfig.defaults(), NlmsConfig.defaults()}) {
                // no washout: every point does the full prior, update, step and forecast
                ForecasterConfig c = ForecasterConfig.defaults().withReservoir(EsnSpec.defaults().withUnits(n))
                        .withReadout(readout).withWashout(0, 0);
                SeriesForecaster f = new SeriesForecaster(c, 1);
                String name = readout instanceof RlsConfig ? "RLS" : "NLMS";
                Map<String, Object> r = t.row();
                r.put("units", n);
                r.put("readout", name);
                r.put("keys", 1);
                r.put("serialize_each_point", false);
                double[] rate = singleKey(f, x, seconds);
                r.put("points_per_s_best", rate[0]);
                r.put("points_per_s_median", rate[1]);
                for (int keys : keyCounts(n, name)) {
                    for (boolean serialize : new boolean[] {false, true}) {
                        r = t.row();
                        r.put("units", n);
                        r.put("readout", name);
                        r.put("keys", keys);
                        r.put("serialize_each_point", serialize);
                        double[] many = manyKeys(f, x, keys, serialize, seconds);
                        r.put("points_per_s_best", many[0]);
                        r.put("points_per_s_median", many[1]);
                    }
                }
            }
        }
        t.note("predictThenUpdate with horizon 1 (prior forecast, readout update, reservoir step, next forecast). "
                + "Many keys: a HashMap<Integer, KeyState> on the heap, or, when serialising, off-heap byte buffers: "
                + "copy out, fromBytes, update, toBytes, copy in at every point, as a RocksDB-backed operator would; "
                + "keys visited round-robin.");
        t.note("Best and median of several timed windows after a warm-up (the machine is shared; 'best' is the least "
                + "disturbed window). " + Runtime.getRuntime().availableProcessors() + " CPUs visible.");
        t.note("Key counts are capped so the states fit the heap: RLS holds F(F+1)/2 doubles per key (N=300: "
                + "0.37 MB, N=1000: 4 MB).");
        t.print();
    }

    private int[] keyCounts(int n, String readout) {
        if (readout.equals("NLMS") || n == 100) {
            return new int[] {10_000};
        }
        return n == 300 ? new int[] {1_000} : new int[] {100};
    }

    /** One point of work for a timing loop. */
    interface Step {
        void run(long t) throws IOException;
    }

    /**
     * Runs {@code step} for a warm-up, then {@code repeats} timed windows of {@code seconds}; returns {best, median}
     * points per second. The best window is the one least disturbed by other processes on a shared machine.
     */
    static double[] rate(Step step, double seconds, int repeats) throws IOException {
        long t = 0;
        long warmupEnd = System.nanoTime() + (long) (Math.max(1.0, seconds) * 1e9);
        while (System.nanoTime() < warmupEnd) {
            for (int i = 0; i < 16; i++) {
                step.run(t++);
            }
        }
        double[] rates = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            long points = 0;
            long now;
            do {
                for (int i = 0; i < 16; i++) {
                    step.run(t++);
                }
                points += 16;
                now = System.nanoTime();
            } while (now < deadline);
            rates[r] = points / ((now - start) / 1e9);
        }
        java.util.Arrays.sort(rates);
        return new double[] {rates[repeats - 1], rates[repeats / 2]};
    }

    private double[] singleKey(SeriesForecaster f, double[] x, double seconds) throws IOException {
        KeyState s = f.newState();
        double[] v = new double[1];
        double[] prior = new double[1];
        double[] out = new double[1];
        return rate(t -> {
            v[0] = x[(int) (t % x.length)];
            f.predictThenUpdate(s, v, prior, out);
        }, seconds, quick ? 2 : 5);
    }

    private double[] manyKeys(SeriesForecaster f, double[] x, int keys, boolean serialize, double seconds)
            throws IOException {
        Map<Integer, KeyState> live = new HashMap<>();
        // serialised states live off-heap, as in RocksDB: bytes are copied out, decoded, updated, encoded, copied in
        Map<Integer, ByteBuffer> stored = new HashMap<>();
        KeyState fresh = f.newState();
        byte[] freshBytes = f.toBytes(fresh);
        for (int k = 0; k < keys; k++) {
            if (serialize) {
                ByteBuffer b = ByteBuffer.allocateDirect(freshBytes.length);
                b.put(freshBytes);
                stored.put(k, b);
            } else {
                live.put(k, fresh.copy());
            }
        }
        double[] v = new double[1];
        double[] prior = new double[1];
        double[] out = new double[1];
        return rate(t -> {
            int key = (int) (t % keys);
            v[0] = x[(int) ((t / keys + key * 37L) % x.length)];
            if (serialize) {
                ByteBuffer b = stored.get(key);
                byte[] bytes = new byte[b.capacity()];
                b.clear();
                b.get(bytes);
                KeyState s = f.fromBytes(bytes);
                f.predictThenUpdate(s, v, prior, out);
                bytes = f.toBytes(s);
                if (bytes.length != b.capacity()) {
                    b = ByteBuffer.allocateDirect(bytes.length);
                    stored.put(key, b);
                }
                b.clear();
                b.put(bytes);
            } else {
                f.predictThenUpdate(live.get(key), v, prior, out);
            }
        }, seconds, quick ? 2 : 3);
    }
}
