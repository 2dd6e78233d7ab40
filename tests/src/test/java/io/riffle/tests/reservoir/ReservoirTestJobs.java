package io.riffle.tests.reservoir;

import io.riffle.connectors.reservoir.Series;
import io.riffle.connectors.reservoir.SeriesCodecSpec;
import io.riffle.connectors.reservoir.SeriesGenerators;
import io.riffle.models.readout.FeatureLayout;
import io.riffle.models.readout.RlsConfig;
import io.riffle.models.reservoir.EsnSpec;
import io.riffle.models.reservoir.forecast.ForecasterConfig;
import io.riffle.streaming.reservoir.ReservoirJobConfig;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Shared set-up of the reservoir integration tests: small reservoirs, a few keys, 1 s between points. */
final class ReservoirTestJobs {
    static final int[] HORIZONS = {1, 3};
    static final long START = 1_700_000_000_000L;

    private ReservoirTestJobs() {}

    static ForecasterConfig forecaster() {
        return new ForecasterConfig(EsnSpec.defaults().withUnits(30), RlsConfig.defaults(), FeatureLayout.defaults(),
                3, 50, 10, true, 0, 1e-6);
    }

    /** JSON lines, lateness 3 s, metrics every minute of event time, no TTL, up to 1000 keys. */
    static ReservoirJobConfig config(double speedup) {
        return config(speedup, 0, 1000);
    }

    static ReservoirJobConfig config(double speedup, long ttlMillis, int maxKeys) {
        return new ReservoirJobConfig(forecaster(), HORIZONS, SeriesCodecSpec.jsonLines(), 3000, 100, 60_000,
                ttlMillis, maxKeys, 64L << 20, speedup, 1);
    }

    static RuntimeSettings runtime(Path stateDir, Path resumeFrom, int restartAttempts) {
        return new RuntimeSettings(stateDir, Duration.ofMillis(200), resumeFrom, restartAttempts);
    }

    /** Three keys (Mackey-Glass, the bundled laser, 3-d Lorenz), {@code points} each, 1 s apart. */
    static Path series(Path dir, int points) throws IOException {
        Path file = dir.resolve("series.jsonl");
        SeriesGenerators.writeJsonLines(file, List.of(SeriesGenerators.mackeyGlass(points, 5),
                SeriesGenerators.santaFeLaser(points), SeriesGenerators.lorenz(points, 5)), START, 1000);
        return file;
    }

    static List<Series> seriesData(int points) {
        return List.of(SeriesGenerators.mackeyGlass(points, 5), SeriesGenerators.santaFeLaser(points),
                SeriesGenerators.lorenz(points, 5));
    }

    static byte[] bytes(Path file) throws IOException {
        return Files.readAllBytes(file);
    }
}
