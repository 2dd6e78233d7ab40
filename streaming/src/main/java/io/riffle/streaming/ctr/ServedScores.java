package io.riffle.streaming.ctr;

import com.fasterxml.jackson.databind.JsonNode;
import io.riffle.models.metrics.ProgressiveMetrics;
import io.riffle.models.sim.ClickSimulator;
import io.riffle.streaming.runtime.JsonFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How good the served scores were, for a simulated click log whose truth is known: log loss and AUC of what the scorer
 * returned for each impression (before its label was known) against whether it was clicked, beside the same figures
 * for the simulator's true click probabilities. This is the number a production user cares about; the trainer's
 * progressive metrics judge the learner on the examples it learns from, in the order it learns them.
 */
public final class ServedScores {
    private final Map<String, double[]> truth = new HashMap<>();
    private final ProgressiveMetrics served = new ProgressiveMetrics(1);
    private final ProgressiveMetrics truthScores = new ProgressiveMetrics(1);

    private ServedScores() {}

    /** The truth of {@link ClickLogFile#write}'s log for these settings (regenerated: the simulator is seeded). */
    public static ServedScores ofSimulation(int impressions, long seed) {
        ServedScores served = new ServedScores();
        ClickLogFile.simulator(seed).generate(impressions, ClickLogFile.START, e -> {
            if (e.impression()) {
                served.truth.put(e.id(), new double[] {e.trueProbability(), e.label()});
            }
        });
        return served;
    }

    /** Scores one prediction line ({@code {"id":…,"score":…}}); ids the simulation does not know are ignored. */
    public void accept(String predictionJson) {
        try {
            JsonNode p = JsonFiles.MAPPER.readTree(predictionJson);
            double[] t = truth.get(p.path("id").asText());
            if (t == null || !p.path("score").isNumber()) {
                return;
            }
            int label = (int) t[1];
            served.add(p.path("score").asDouble(), label);
            truthScores.add(t[0], label);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void acceptFile(Path predictions) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(predictions, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                accept(line);
            }
        }
    }

    public long scored() {
        return served.count();
    }

    public double logLoss() {
        return served.logLoss();
    }

    public double trueLogLoss() {
        return truthScores.logLoss();
    }

    public String describe() {
        return String.format("served scores (as returned, before each label was known) on %,d impressions: log loss"
                        + " %.5f, AUC %.4f; the ground-truth model on the same impressions: log loss %.5f, AUC %.4f",
                scored(), logLoss(), served.auc(), trueLogLoss(), truthScores.auc());
    }
}
