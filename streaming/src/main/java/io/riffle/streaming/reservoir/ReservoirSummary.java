package io.riffle.streaming.reservoir;

import static io.riffle.streaming.runtime.SummaryFields.finite;
import static io.riffle.streaming.runtime.SummaryFields.number;
import static io.riffle.streaming.runtime.SummaryFields.perSecond;
import static io.riffle.streaming.runtime.SummaryFields.putSpeed;

import com.fasterxml.jackson.databind.JsonNode;
import io.riffle.models.RiffleVersion;
import io.riffle.streaming.runtime.JsonFiles;
import io.riffle.streaming.runtime.RunSummary;
import io.riffle.streaming.runtime.SummaryFields.Counts;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a finished reservoir run did, read back from its output files (so the counts are exactly what was written,
 * across any recoveries). {@code points} = lines of {@code predictions.jsonl} (points learned from); NRMSEs are those
 * of the last line of {@code metrics.jsonl}, pooled over keys; {@code events = points + dead letters}.
 *
 * @param keyScores per key: its last line of {@code model-versions.jsonl}
 */
public record ReservoirSummary(
        long points,
        long keys,
        long liveKeys,
        long scored,
        int[] horizons,
        double nrmse,
        Map<String, Double> nrmseByHorizon,
        double persistenceNrmse,
        Map<String, Double> persistenceNrmseByHorizon,
        long divergedForecasts,
        long deadLetters,
        Map<String, Long> deadLettersByKind,
        String model,
        double wallSeconds,
        double eventsPerSecond,
        Map<String, JsonNode> keyScores) implements RunSummary {

    /** Keys whose last report is kept for {@link #describe} (all of them are in the file). */
    static final int KEYS_KEPT = 1000;

    public static ReservoirSummary read(ReservoirJobConfig config, ReservoirOutputs outputs, double wallSeconds)
            throws IOException {
        Counts counts = Counts.read(outputs);
        long points = counts.predictions();
        long deadLetters = counts.deadLetters();
        JsonNode m = counts.lastMetrics();
        int[] h = config.horizons();
        return new ReservoirSummary(points, m.path("keys").asLong(0), m.path("liveKeys").asLong(0),
                m.path("scored").asLong(0), h, number(m, "nrmse"), byHorizon(m.path("nrmseByHorizon"), h),
                number(m, "persistenceNrmse"), byHorizon(m.path("persistenceNrmseByHorizon"), h),
                m.path("divergedForecasts").asLong(0), deadLetters, counts.deadLettersByKind(), config.describeModel(),
                wallSeconds, perSecond(points + deadLetters, wallSeconds), lastReports(outputs.versions()));
    }

    /**
     * This summary with {@code points} forecasts counted elsewhere (a Kafka run counts them in the predictions topic,
     * as a read_committed consumer sees them).
     */
    public ReservoirSummary withPoints(long points) {
        return new ReservoirSummary(points, keys, liveKeys, scored, horizons, nrmse, nrmseByHorizon, persistenceNrmse,
                persistenceNrmseByHorizon, divergedForecasts, deadLetters, deadLettersByKind, model, wallSeconds,
                perSecond(points + deadLetters, wallSeconds), keyScores);
    }

    private static Map<String, JsonNode> lastReports(Path versions) throws IOException {
        Map<String, JsonNode> last = new TreeMap<>();
        if (!Files.exists(versions)) {
            return last;
        }
        try (BufferedReader reader = Files.newBufferedReader(versions, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode r = JsonFiles.MAPPER.readTree(line);
                String key = r.path("key").asText();
                if (last.containsKey(key) || last.size() < KEYS_KEPT) {
                    last.put(key, r);
                }
            }
        }
        return last;
    }

    private static Map<String, Double> byHorizon(JsonNode node, int[] horizons) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k : horizons) {
            JsonNode v = node.path(String.valueOf(k));
            out.put(String.valueOf(k), v.isNumber() ? v.asDouble() : null);
        }
        return out;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("points", points);
        out.put("keys", keys);
        out.put("liveKeys", liveKeys);
        out.put("scored", scored);
        out.put("horizons", horizons);
        out.put("nrmse", finite(nrmse));
        out.put("nrmseByHorizon", nrmseByHorizon);
        out.put("persistenceNrmse", finite(persistenceNrmse));
        out.put("persistenceNrmseByHorizon", persistenceNrmseByHorizon);
        out.put("divergedForecasts", divergedForecasts);
        out.put("deadLetters", deadLetters);
        out.put("deadLettersByKind", deadLettersByKind);
        out.put("model", model);
        out.put("riffleVersion", RiffleVersion.get());
        putSpeed(out, wallSeconds, eventsPerSecond);
        return out;
    }

    /** Human-readable lines for the end of a run: the job's figures, then up to {@code maxKeys} keys'. */
    public String describe(int maxKeys) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("points %,d (keys %,d, dead letters %,d), forecasts scored %,d%n", points, keys,
                deadLetters, scored));
        s.append(String.format("NRMSE (persistence's in brackets) by horizon h, points ahead%n"));
        s.append(String.format("  %-20s %9s  ", "all keys (RMS)", ""));
        for (int k : horizons) {
            String key = String.valueOf(k);
            s.append(String.format("  h=%d %s (%s)", k, fmt(nrmseByHorizon.get(key)),
                    fmt(persistenceNrmseByHorizon.get(key))));
        }
        s.append(System.lineSeparator());
        int shown = 0;
        for (Map.Entry<String, JsonNode> e : keyScores.entrySet()) {
            if (shown++ == maxKeys) {
                s.append(String.format("  … %,d more keys in model-versions.jsonl%n", keyScores.size() - maxKeys));
                break;
            }
            JsonNode r = e.getValue();
            s.append(String.format("  %-20s version %,9d ", e.getKey(), r.path("version").asLong()));
            for (int k : horizons) {
                String h = String.valueOf(k);
                s.append(String.format("  h=%d %s (%s)", k, ReservoirRun.number(r.path("nrmseByHorizon").path(h)),
                        ReservoirRun.number(r.path("persistenceNrmseByHorizon").path(h))));
            }
            s.append(System.lineSeparator());
        }
        s.append(String.format("%.1f s wall, %,.0f events/s", wallSeconds, eventsPerSecond));
        return s.toString();
    }

    private static String fmt(Double v) {
        return v == null ? "n/a" : String.format("%.4f", v);
    }
}
