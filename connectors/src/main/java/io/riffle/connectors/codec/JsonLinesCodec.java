package io.riffle.connectors.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.event.Labels;
import io.riffle.models.event.LabelEvent;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Riffle's canonical JSON lines for CTR streams (README, "Input formats"):
 *
 * <pre>
 * impression {"id":"a1","time":1700000000000,"features":{"site":"x","device":"y"},"numeric":{"price":0.3},"label":1}
 * label      {"id":"a1","time":1700000090000,"label":1}
 * </pre>
 *
 * <p>A record with {@code features} or {@code numeric} is an impression; one with only {@code id}, {@code time} and
 * {@code label} is a label event. {@code time} is epoch milliseconds or an ISO-8601 instant; without it, event time
 * comes from row order. Strict: unknown top-level fields, nulls, duplicate keys, non-finite numbers and wrong types
 * are dead-lettered with a reason, so a producer's mistake is seen rather than silently half-used. Feature values
 * that are numbers or booleans are taken as their text.
 */
public final class JsonLinesCodec implements CtrCodec {
    /** Fields with a fixed meaning: the event-time field may be renamed, these may not. */
    static final Set<String> RESERVED_FIELDS = Set.of("id", "features", "numeric", "label");

    private final Set<String> impressionKeys;
    private final Set<String> labelKeys;
    private final String timeField;

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private final long rowTimeStepMillis;
    private final FeatureBuffer buffer = new FeatureBuffer();

    public JsonLinesCodec(long rowTimeStepMillis) {
        this(rowTimeStepMillis, CtrCodecSpec.DEFAULT_TIME_FIELD);
    }

    /** @param timeField the field that holds event time ({@code time} by default) */
    public JsonLinesCodec(long rowTimeStepMillis, String timeField) {
        this.rowTimeStepMillis = rowTimeStepMillis;
        this.timeField = timeField;
        this.impressionKeys = Set.of("id", timeField, "features", "numeric", "label");
        this.labelKeys = Set.of("id", timeField, "label");
    }

    @Override
    public CtrDecoded decode(SourceRecord record) {
        String text = record.text();
        if (text.isBlank()) {
            return CtrDecoded.SKIP;
        }
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return CtrDecoded.failed("unknown", "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return CtrDecoded.failed("unknown", "a record must be a JSON object, got " + describe(node));
        }
        boolean impression = node.has("features") || node.has("numeric");
        if (!impression && !node.has("label")) {
            return CtrDecoded.failed("unknown", "neither an impression (no \"features\" or \"numeric\") nor a label"
                    + " event (no \"label\")");
        }
        String kind = impression ? "impression" : "label";
        try {
            checkKeys(node, impression ? impressionKeys : labelKeys, kind);
            String id = id(node);
            long time = node.has(timeField) ? time(timeField, node.get(timeField))
                    : EventTimes.rowTime(record, rowTimeStepMillis);
            if (!impression) {
                return CtrDecoded.of(new LabelEvent(id, time, record.seq(), label(node.get("label"))));
            }
            buffer.clear();
            if (node.has("features")) {
                JsonNode features = objectField(node, "features");
                for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    buffer.categorical(e.getKey(), categorical(e.getKey(), e.getValue()));
                }
            }
            if (node.has("numeric")) {
                JsonNode numeric = objectField(node, "numeric");
                for (Iterator<Map.Entry<String, JsonNode>> it = numeric.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    buffer.numeric(e.getKey(), number(e.getKey(), e.getValue()));
                }
            }
            int label = node.has("label") ? label(node.get("label")) : Labels.NONE;
            return CtrDecoded.of(buffer.build(id, time, record.seq(), label));
        } catch (IllegalArgumentException e) {
            return CtrDecoded.failed(kind, e.getMessage());
        }
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String kind) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unknown field \"" + key + "\" in a " + kind + " record (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String id(JsonNode node) {
        JsonNode id = node.get("id");
        if (id == null) {
            throw new IllegalArgumentException("missing \"id\"");
        }
        if (id.isTextual() && !id.asText().isEmpty()) {
            return id.asText();
        }
        if (id.isIntegralNumber()) {
            return id.asText();
        }
        throw new IllegalArgumentException("\"id\" must be a non-empty string or an integer, got " + describe(id));
    }

    private static long time(String field, JsonNode time) {
        if (time.isIntegralNumber() && time.canConvertToLong()) {
            return time.asLong();
        }
        if (time.isTextual()) {
            return EventTimes.parse(time.asText());
        }
        throw new IllegalArgumentException("\"" + field + "\" must be epoch milliseconds or an ISO-8601 string,"
                + " got " + describe(time));
    }

    private static int label(JsonNode label) {
        if (label.isIntegralNumber() && (label.asInt() == 0 || label.asInt() == 1)) {
            return label.asInt();
        }
        if (label.isBoolean()) {
            return label.asBoolean() ? 1 : 0;
        }
        throw new IllegalArgumentException("\"label\" must be 0 or 1, got " + describe(label));
    }

    private static JsonNode objectField(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (!value.isObject()) {
            throw new IllegalArgumentException("\"" + name + "\" must be an object, got " + describe(value));
        }
        return value;
    }

    private static String categorical(String field, JsonNode value) {
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        throw new IllegalArgumentException("features." + field + " must be a string, number or boolean, got "
                + describe(value));
    }

    private static double number(String field, JsonNode value) {
        if (!value.isNumber()) {
            throw new IllegalArgumentException("numeric." + field + " must be a number, got " + describe(value));
        }
        double v = value.asDouble();
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("numeric." + field + " is not finite: " + value.asText());
        }
        return v;
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        String text = node.toString();
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + (text.length() > 40
                ? text.substring(0, 40) + "…" : text);
    }
}
