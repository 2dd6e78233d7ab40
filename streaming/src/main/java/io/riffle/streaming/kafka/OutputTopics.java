package io.riffle.streaming.kafka;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * The topics a job writes to Kafka, one per output stream (README, "Kafka"). Every value is one JSON line, the same
 * encoding as the {@code --out} files. A family's defaults are {@code riffle.FAMILY.predictions} and so on
 * ({@link #of}), the names {@code k8s/base/kafka-topics.yaml} creates.
 *
 * @param predictions   one record per input event (impression, point, interaction)
 * @param metrics       the job's progressive metrics
 * @param deadLetters   one record per unusable input record, no key
 * @param modelVersions one record per published model version
 */
public record OutputTopics(String predictions, String metrics, String deadLetters, String modelVersions)
        implements Serializable {
    public OutputTopics {
        for (String t : new String[] {predictions, metrics, deadLetters, modelVersions}) {
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("output topic names must not be empty");
            }
        }
    }

    /** The default topics of a model family: {@code riffle.FAMILY.predictions}, {@code .metrics}, … */
    public static OutputTopics of(String family) {
        String prefix = "riffle." + family.toLowerCase(Locale.ROOT) + ".";
        return new OutputTopics(prefix + "predictions", prefix + "metrics", prefix + "dead-letters",
                prefix + "model-versions");
    }

    /**
     * The default input topic of a model family: {@code riffle.ctr.impressions}, {@code riffle.reservoir.series},
     * {@code riffle.graph.interactions}.
     */
    public static String input(String family) {
        return switch (family.toLowerCase(Locale.ROOT)) {
            case "ctr" -> "riffle.ctr.impressions";
            case "reservoir" -> "riffle.reservoir.series";
            case "graph" -> "riffle.graph.interactions";
            default -> throw new IllegalArgumentException("unknown model family '" + family
                    + "'; use ctr, reservoir or graph");
        };
    }

    /** The four topics, predictions first. */
    public List<String> all() {
        return List.of(predictions, metrics, deadLetters, modelVersions);
    }
}
