package io.riffle.streaming.graph;

import static io.riffle.streaming.runtime.SummaryFields.finite;
import static io.riffle.streaming.runtime.SummaryFields.number;
import static io.riffle.streaming.runtime.SummaryFields.perSecond;
import static io.riffle.streaming.runtime.SummaryFields.putSpeed;

import com.fasterxml.jackson.databind.JsonNode;
import io.riffle.streaming.runtime.RunSummary;
import io.riffle.streaming.runtime.SummaryFields.Counts;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a finished graph run did, read back from its output files (so the counts are exactly what was written,
 * across any recoveries). {@code events = interactions + deadLetters}: every record of the input that was not blank,
 * a comment or a header.
 */
public record GraphSummary(
        long events,
        long interactions,
        long nodes,
        long deadLetters,
        Map<String, Long> deadLettersByKind,
        boolean sortedInput,
        double ap,
        double auc,
        double mrr,
        double apEdgeBank,
        double aucEdgeBank,
        double mrrEdgeBank,
        double apRecency,
        double aucRecency,
        double mrrRecency,
        long modelStep,
        double wallSeconds,
        double eventsPerSecond) implements RunSummary {

    public static GraphSummary read(GraphOutputs outputs, GraphInput input, double wallSeconds) throws IOException {
        Counts counts = Counts.read(outputs);
        long predictions = counts.predictions();
        long deadLetters = counts.deadLetters();
        JsonNode m = counts.lastMetrics();
        long events = predictions + deadLetters;
        return new GraphSummary(events, predictions, m.path("nodes").asLong(0), deadLetters,
                counts.deadLettersByKind(), input != null && input.sort(), number(m, "ap"), number(m, "auc"),
                number(m, "mrr"), number(m, "apEdgeBank"), number(m, "aucEdgeBank"), number(m, "mrrEdgeBank"),
                number(m, "apRecency"), number(m, "aucRecency"), number(m, "mrrRecency"), m.path("modelStep").asLong(0),
                wallSeconds, perSecond(events, wallSeconds));
    }

    /**
     * This summary with {@code interactions} predictions counted elsewhere (a Kafka run counts them in the
     * predictions topic, as a read_committed consumer sees them).
     */
    public GraphSummary withInteractions(long interactions) {
        long all = interactions + deadLetters;
        return new GraphSummary(all, interactions, nodes, deadLetters, deadLettersByKind, sortedInput, ap, auc, mrr,
                apEdgeBank, aucEdgeBank, mrrEdgeBank, apRecency, aucRecency, mrrRecency, modelStep, wallSeconds,
                perSecond(all, wallSeconds));
    }

    /** The model's AP minus the better of EdgeBank's and recency's. */
    public double apMarginOverBestBaseline() {
        return ap - Math.max(apEdgeBank, apRecency);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", events);
        out.put("interactions", interactions);
        out.put("nodes", nodes);
        out.put("deadLetters", deadLetters);
        out.put("deadLettersByKind", deadLettersByKind);
        out.put("sortedInput", sortedInput);
        out.put("ap", finite(ap));
        out.put("auc", finite(auc));
        out.put("mrr", finite(mrr));
        out.put("apEdgeBank", finite(apEdgeBank));
        out.put("aucEdgeBank", finite(aucEdgeBank));
        out.put("mrrEdgeBank", finite(mrrEdgeBank));
        out.put("apRecency", finite(apRecency));
        out.put("aucRecency", finite(aucRecency));
        out.put("mrrRecency", finite(mrrRecency));
        out.put("apMarginOverBestBaseline", finite(apMarginOverBestBaseline()));
        out.put("modelStep", modelStep);
        putSpeed(out, wallSeconds, eventsPerSecond);
        return out;
    }

    /** Human-readable lines for the end of a run. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("events %,d (interactions %,d, dead letters %,d), nodes %,d, model step %,d%n",
                events, interactions, deadLetters, nodes, modelStep));
        s.append(String.format("%-10s %8s %8s %8s%n", "scorer", "AP", "AUC", "MRR"));
        s.append(row("model", ap, auc, mrr));
        s.append(row("EdgeBank", apEdgeBank, aucEdgeBank, mrrEdgeBank));
        s.append(row("recency", apRecency, aucRecency, mrrRecency));
        s.append(String.format("model AP - best baseline AP = %+.4f   (AP/AUC: one random negative per interaction;"
                + " MRR: against sampled negatives)%n", apMarginOverBestBaseline()));
        s.append(String.format("%.1f s wall, %,.0f events/s", wallSeconds, eventsPerSecond));
        return s.toString();
    }

    private static String row(String name, double ap, double auc, double mrr) {
        return String.format("%-10s %8s %8s %8s%n", name, f(ap), f(auc), f(mrr));
    }

    private static String f(double v) {
        return Double.isFinite(v) ? String.format("%.4f", v) : "n/a";
    }
}
