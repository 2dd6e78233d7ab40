package io.riffle.streaming.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;

/** Helpers the run summaries share: reading a run's output files back and writing their figures. */
public final class SummaryFields {
    private SummaryFields() {}

    /**
     * A job's output files, counted.
     *
     * @param predictions       lines of the predictions file
     * @param deadLettersByKind dead letters by their {@code kind}
     * @param deadLetters       all dead letters
     * @param lastMetrics       the last metrics line, or an empty object when there is none
     */
    public record Counts(long predictions, Map<String, Long> deadLettersByKind, long deadLetters,
                         JsonNode lastMetrics) {

        /** Counts a job's predictions, dead letters and metrics files; a missing file counts as empty. */
        public static Counts read(JobOutputs outputs) throws IOException {
            Map<String, Long> byKind = JsonFiles.countBy(outputs.deadLetters(), "kind");
            return new Counts(JsonFiles.countLines(outputs.predictions()), byKind,
                    byKind.values().stream().mapToLong(Long::longValue).sum(),
                    JsonFiles.lastLine(outputs.metrics()).orElse(JsonFiles.MAPPER.createObjectNode()));
        }
    }

    /** The number in {@code node}'s {@code field}, or NaN when it is absent or not a number. */
    public static double number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    /** {@code v}, or null (JSON null) when it is NaN or infinite. */
    public static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Events per second of wall-clock time; 0 when no time passed. */
    public static double perSecond(long events, double wallSeconds) {
        return wallSeconds > 0 ? events / wallSeconds : 0;
    }

    /** Puts {@code wallSeconds} (to the millisecond) and {@code eventsPerSecond} (whole) last in a summary. */
    public static void putSpeed(Map<String, Object> out, double wallSeconds, double eventsPerSecond) {
        out.put("wallSeconds", Math.round(wallSeconds * 1000) / 1000.0);
        out.put("eventsPerSecond", Math.round(eventsPerSecond));
    }
}
