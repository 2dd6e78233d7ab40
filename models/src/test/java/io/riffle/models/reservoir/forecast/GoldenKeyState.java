package io.riffle.models.reservoir.forecast;

import io.riffle.models.readout.FeatureLayout;
import io.riffle.models.readout.RlsConfig;
import io.riffle.models.reservoir.EsnSpec;
import io.riffle.models.series.MackeyGlass;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The golden per-key state file of format 1: a 20-unit ESN with an RLS readout after 80 Mackey-Glass points. Run
 * {@link #main} (test class path) to rewrite it, only when the format version changes.
 */
final class GoldenKeyState {
    static final ForecasterConfig CONFIG = new ForecasterConfig(new EsnSpec(20, 0.2, 1.1, 0.5, 0.5, 1.0, 0.2, 7),
            new RlsConfig(0.999, 1e-2, 1.0), FeatureLayout.defaults(), 3, 10, 5, true, 0, 0.0);
    static final int POINTS = 80;

    private GoldenKeyState() {}

    static KeyState compute(SeriesForecaster f) {
        double[] series = MackeyGlass.reservoirPy().generate(POINTS, 1);
        KeyState s = f.newState();
        for (double v : series) {
            f.predictThenUpdate(s, new double[] {v});
        }
        return s;
    }

    public static void main(String[] args) throws Exception {
        SeriesForecaster f = new SeriesForecaster(CONFIG, 1);
        Path out = Path.of(args.length > 0 ? args[0]
                : "models/src/test/resources/golden/reservoir-keystate-format1.bin");
        Files.write(out, f.toBytes(compute(f)));
        System.out.println("wrote " + out + " (" + Files.size(out) + " bytes)");
    }
}
