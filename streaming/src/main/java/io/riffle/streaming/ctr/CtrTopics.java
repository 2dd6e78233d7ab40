package io.riffle.streaming.ctr;

import java.io.Serializable;

/**
 * The topics a CTR job writes to Kafka (README, "Kafka"). Every value is one JSON line, the same encoding as the
 * {@code --out} files.
 *
 * @param predictions   one record per impression, keyed by the event id
 * @param metrics       one record per model version, keyed by the model name
 * @param deadLetters   one record per unusable input record, no key
 * @param modelVersions one record per published model version, keyed by the model name
 */
public record CtrTopics(String predictions, String metrics, String deadLetters, String modelVersions)
        implements Serializable {
    public static final String PREDICTIONS = "riffle.ctr.predictions";
    public static final String METRICS = "riffle.ctr.metrics";
    public static final String DEAD_LETTERS = "riffle.ctr.dead-letters";
    public static final String MODEL_VERSIONS = "riffle.ctr.model-versions";
    /** Default input topics. */
    public static final String IMPRESSIONS = "riffle.ctr.impressions";
    public static final String LABELS = "riffle.ctr.labels";

    public static CtrTopics defaults() {
        return new CtrTopics(PREDICTIONS, METRICS, DEAD_LETTERS, MODEL_VERSIONS);
    }

    /** The same four topics, as every family names them. */
    public io.riffle.streaming.kafka.OutputTopics asOutputTopics() {
        return new io.riffle.streaming.kafka.OutputTopics(predictions, metrics, deadLetters, modelVersions);
    }

    /** {@code topics} as the CTR job's. */
    public static CtrTopics of(io.riffle.streaming.kafka.OutputTopics topics) {
        return new CtrTopics(topics.predictions(), topics.metrics(), topics.deadLetters(), topics.modelVersions());
    }

    public CtrTopics {
        for (String t : new String[] {predictions, metrics, deadLetters, modelVersions}) {
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("output topic names must not be empty");
            }
        }
    }
}
