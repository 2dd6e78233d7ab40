package io.riffle.streaming.graph;

import io.riffle.models.graph.InteractionSimulator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a simulated message stream ({@link InteractionSimulator}) as Riffle's canonical edge JSON lines:
 * {@code {"src":"u12","dst":"u7","time":1082040961000}}, time in epoch milliseconds.
 */
public final class InteractionLogFile {
    /** Seconds since the epoch of the first simulated message: 2004-04-15, when CollegeMsg starts. */
    public static final long START_SECONDS = 1_082_000_000L;

    private InteractionLogFile() {}

    /** Writes {@code interactions} messages among {@code users} users; returns how many distinct pairs occurred. */
    public static long write(Path file, int interactions, int users, long seed) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        InteractionSimulator sim = new InteractionSimulator(users, seed, START_SECONDS, 240);
        java.util.Set<Long> pairs = new java.util.HashSet<>();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < interactions; i++) {
                InteractionSimulator.Message m = sim.next();
                pairs.add((long) m.source() << 32 | m.destination());
                out.write("{\"src\":\"u" + m.source() + "\",\"dst\":\"u" + m.destination() + "\",\"time\":"
                        + m.time() * 1000 + "}");
                out.newLine();
            }
        }
        return pairs.size();
    }
}
