package io.riffle.streaming.ctr;

import static io.riffle.streaming.runtime.SummaryFields.finite;
import static io.riffle.streaming.runtime.SummaryFields.number;
import static io.riffle.streaming.runtime.SummaryFields.perSecond;
import static io.riffle.streaming.runtime.SummaryFields.putSpeed;

import com.fasterxml.jackson.databind.JsonNode;
import io.riffle.streaming.runtime.JsonFiles;
import io.riffle.streaming.runtime.RunSummary;
import io.riffle.streaming.runtime.SummaryFields.Counts;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a finished CTR run did, read back from its output files (so the counts are exactly what was written, across
 * any recoveries). {@code events = predictions + dead letters of impressions} (and of records of unknown kind).
 */
public record CtrSummary(
        long events,
        long labels,
        long predictions,
        long deadLetters,
        Map<String, Long> deadLettersByKind,
        long examples,
        long positives,
        double progressiveLogLoss,
        double progressiveAuc,
        double windowLogLoss,
        double windowAuc,
        double baselineLogLoss,
        double entropyLogLoss,
        long modelVersion,
        double wallSeconds,
        double eventsPerSecond) implements RunSummary {

    public static CtrSummary read(CtrOutputs outputs, double wallSeconds) throws IOException {
        Counts counts = Counts.read(outputs);
        long predictions = counts.predictions();
        Map<String, Long> byKind = counts.deadLettersByKind();
        long deadLetters = counts.deadLetters();
        JsonNode m = counts.lastMetrics();
        long examples = m.path("examples").asLong(0);
        long labelEvents = m.path("labelEvents").asLong(0);
        long windowNegatives = m.path("windowNegatives").asLong(0);
        long rowLabels = examples - labelEvents - windowNegatives;
        long events = predictions + byKind.getOrDefault("impression", 0L) + byKind.getOrDefault("unknown", 0L);
        long labels = rowLabels + labelEvents + byKind.getOrDefault("label", 0L);
        long version = JsonFiles.lastLine(outputs.versions()).map(v -> v.path("version").asLong(0)).orElse(0L);
        return new CtrSummary(events, labels, predictions, deadLetters, byKind, examples,
                m.path("positives").asLong(0), number(m, "logLoss"), number(m, "auc"), number(m, "windowLogLoss"),
                number(m, "windowAuc"), number(m, "baselineLogLoss"), number(m, "entropyLogLoss"), version,
                wallSeconds, perSecond(events, wallSeconds));
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", events);
        out.put("labels", labels);
        out.put("predictions", predictions);
        out.put("deadLetters", deadLetters);
        out.put("deadLettersByKind", deadLettersByKind);
        out.put("examples", examples);
        out.put("positives", positives);
        out.put("progressiveLogLoss", finite(progressiveLogLoss));
        out.put("progressiveAuc", finite(progressiveAuc));
        out.put("windowLogLoss", finite(windowLogLoss));
        out.put("windowAuc", finite(windowAuc));
        out.put("baselineLogLoss", finite(baselineLogLoss));
        out.put("entropyLogLoss", finite(entropyLogLoss));
        out.put("modelVersion", modelVersion);
        putSpeed(out, wallSeconds, eventsPerSecond);
        return out;
    }

    /** Human-readable lines for the end of a run. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("events %,d (predictions %,d, dead letters %,d), labels %,d, examples learned %,d%n",
                events, predictions, deadLetters, labels, examples));
        s.append(String.format("progressive log loss %.5f   constant-rate baseline %.5f   (best constant in"
                + " hindsight %.5f)%n", progressiveLogLoss, baselineLogLoss, entropyLogLoss));
        s.append(String.format("progressive AUC %.4f   last %s: log loss %.5f, AUC %.4f%n", progressiveAuc,
                "window", windowLogLoss, windowAuc));
        s.append(String.format("model version %d   %.1f s wall, %,.0f events/s", modelVersion, wallSeconds,
                eventsPerSecond));
        return s.toString();
    }
}
