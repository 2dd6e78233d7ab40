package io.riffle.bench.graph;

import io.riffle.models.graph.Interaction;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Loads a SNAP temporal edge list ({@code src dst time}, whitespace separated, optionally gzipped), sorted by time. */
final class GraphData {
    private GraphData() {}

    /** The interactions in time order (a stable sort, so ties keep file order); at most {@code limit} (0 = all). */
    static List<Interaction> load(Path path, int limit) throws IOException {
        List<Interaction> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(path);
             InputStream in = path.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("%")) {
                    continue;
                }
                String[] f = line.split("\\s+");
                if (f.length < 3) {
                    throw new IOException(path + ":" + lineNo + ": expected 'src dst time', got '" + line + "'");
                }
                out.add(new Interaction(f[0].intern(), f[1].intern(), Long.parseLong(f[2])));
            }
        }
        out.sort(Comparator.comparingLong(Interaction::time));
        if (limit > 0 && out.size() > limit) {
            return new ArrayList<>(out.subList(0, limit));
        }
        return out;
    }
}
