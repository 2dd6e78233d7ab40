package io.riffle.connectors.reservoir;

import io.riffle.models.series.Lorenz;
import io.riffle.models.series.MackeyGlass;
import io.riffle.models.series.Narma10;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Series to replay: the standard generated benchmarks, with every parameter stated, and the bundled slice of the
 * Santa Fe laser series; and a writer of Riffle's series JSON lines. Generators are deterministic in their seed.
 */
public final class SeriesGenerators {
    /** The bundled slice of Santa Fe data set A: see {@code santafe-laser.NOTICE.md} beside it. */
    public static final String SANTA_FE_RESOURCE = "/io/riffle/connectors/reservoir/santafe-laser.txt";

    private SeriesGenerators() {}

    /** The names {@link #named} knows. */
    public static final List<String> NAMES = List.of("santa-fe", "mackey-glass", "narma10", "lorenz");

    /** A series by name ({@link #NAMES}); {@code length} is capped at the bundled length for santa-fe. */
    public static Series named(String name, int length, long seed) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "santa-fe" -> santaFeLaser(length);
            case "mackey-glass" -> mackeyGlass(length, seed);
            case "narma10" -> narma10(length, seed);
            case "lorenz" -> lorenz(length, seed);
            default -> throw new IllegalArgumentException("unknown series '" + name + "'; use one of "
                    + String.join(", ", NAMES));
        };
    }

    /**
     * Mackey-Glass, dx/dt = a x(t−τ) / (1 + x(t−τ)^n) − b x(t) with τ = 17, a = 0.2, b = 0.1, n = 10, x0 = 1.2, RK4
     * with dt = 1 and the delayed term held over a step (ReservoirPy's {@code mackey_glass} scheme), one sample per
     * time unit; initial history x0 + 0.2·(U − 0.5) from {@code seed}.
     */
    public static Series mackeyGlass(int length, long seed) {
        return new Series("mackey-glass", 1, MackeyGlass.reservoirPy().generate(length, seed),
                "Mackey-Glass tau=17 a=0.2 b=0.1 n=10 x0=1.2, RK4 dt=1 (ReservoirPy's scheme), seed " + seed);
    }

    /**
     * NARMA-10 (Atiya and Parlos 2000): y(t+1) = 0.3 y(t) + 0.05 y(t) Σ_{i=0..9} y(t−i) + 1.5 u(t−9) u(t) + 0.1,
     * u(t) ~ U[0, 0.5] i.i.d. from {@code seed}, zero history. Each point is the vector [u(t), y(t)], so the y
     * component of the next point is a function of the points seen (the input u is noise: unpredictable).
     */
    public static Series narma10(int length, long seed) {
        Narma10.Series s = Narma10.generate(length, seed);
        double[] v = new double[2 * length];
        for (int t = 0; t < length; t++) {
            v[2 * t] = s.input()[t];
            v[2 * t + 1] = t == 0 ? 0.0 : s.target()[t - 1];
        }
        return new Series("narma10", 2, v, "NARMA-10 [u(t), y(t)]: y(t+1) = 0.3 y(t) + 0.05 y(t) sum_{i=0..9} y(t-i)"
                + " + 1.5 u(t-9) u(t) + 0.1, u ~ U[0, 0.5], seed " + seed);
    }

    /**
     * Lorenz (1963), σ = 10, ρ = 28, β = 8/3, RK4 with dt = 0.01, a sample every 2 steps, 5000 transient steps; the
     * points are the vectors [x, y, z].
     */
    public static Series lorenz(int length, long seed) {
        return new Series("lorenz", 3, Lorenz.standard().generate(length, seed), "Lorenz sigma=10 rho=28 beta=8/3,"
                + " RK4 dt=0.01, sampled every 0.02, 5000 transient steps, seed " + seed);
    }

    /** The first {@code min(length, 5000)} values of Santa Fe data set A, bundled with Riffle. */
    public static Series santaFeLaser(int length) {
        try (InputStream in = SeriesGenerators.class.getResourceAsStream(SANTA_FE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled Santa Fe series " + SANTA_FE_RESOURCE + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            double[] values = reader.lines().map(String::trim).filter(s -> !s.isEmpty())
                    .mapToDouble(Double::parseDouble).limit(length).toArray();
            return new Series("santa-fe-laser", 1, values, "Santa Fe competition data set A (far-infrared laser),"
                    + " first " + values.length + " values; Weigend & Gershenfeld, Time Series Prediction, 1994;"
                    + " bundled from ReservoirPy (MIT)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code series} as JSON lines, interleaved in time: point t of every series that has one, at
     * {@code startMillis + t·stepMillis}, in the order given.
     *
     * @return the number of points written
     */
    public static long writeJsonLines(Path file, List<Series> series, long startMillis, long stepMillis)
            throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        int longest = series.stream().mapToInt(Series::length).max().orElse(0);
        long points = 0;
        StringBuilder line = new StringBuilder(128);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int t = 0; t < longest; t++) {
                for (Series s : series) {
                    if (t < s.length()) {
                        line.setLength(0);
                        SeriesJsonLines.point(line, s.key(), startMillis + t * stepMillis, s.point(t));
                        out.write(line.toString());
                        out.newLine();
                        points++;
                    }
                }
            }
        }
        return points;
    }
}
