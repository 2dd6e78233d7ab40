package io.riffle.bench.reservoir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loaders for the real series in the shared data folder (see its README for sources and terms). */
final class Datasets {
    private Datasets() {}

    /** {@code mackey-glass-t17/MackeyGlass_t17.txt}: 10 000 floats, one per line (CRLF). */
    static double[] mackeyGlassFile(Path data) throws IOException {
        return Files.readAllLines(data.resolve("mackey-glass-t17/MackeyGlass_t17.txt"), StandardCharsets.US_ASCII)
                .stream().map(String::trim).filter(s -> !s.isEmpty()).mapToDouble(Double::parseDouble).toArray();
    }

    /** {@code santafe-laser/santafe_laser.npy}: int64, shape (10093, 1). */
    static double[] santaFeLaser(Path data) throws IOException {
        return NpyReader.read(data.resolve("santafe-laser/santafe_laser.npy")).values();
    }

    /** {@code sunspots-tsdl-monthly/monthly-sunspots.csv}: header, then "YYYY-MM",value (CRLF). */
    static double[] sunspots(Path data) throws IOException {
        List<String> lines = Files.readAllLines(data.resolve("sunspots-tsdl-monthly/monthly-sunspots.csv"),
                StandardCharsets.US_ASCII);
        return lines.stream().skip(1).map(String::trim).filter(s -> !s.isEmpty())
                .mapToDouble(s -> Double.parseDouble(s.substring(s.lastIndexOf(',') + 1))).toArray();
    }
}
