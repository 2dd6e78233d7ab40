package io.riffle.connectors.graph;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.riffle.connectors.codec.Decoded;
import io.riffle.connectors.codec.EventTimes;
import io.riffle.connectors.codec.RecordCodec;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.graph.event.EdgeEvent;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Riffle's canonical JSON lines for edge streams:
 *
 * <pre>
 * {"src":"u1","dst":"i9","time":1700000000000,"features":[0.1,0.2],"label":0}
 * </pre>
 *
 * <p>{@code src} and {@code dst} are strings (or integers, taken as their text); {@code time} is epoch milliseconds
 * or an ISO-8601 instant and is required; {@code features} (an array of numbers) and {@code label} (0 or 1) are
 * optional. Strict: unknown fields, nulls, duplicate keys, wrong types, non-finite numbers ({@code NaN} is parsed so
 * that the reason can say so) and a wrong number of features are dead-lettered with a reason.
 */
final class EdgeJsonCodec implements RecordCodec<EdgeEvent> {
    private static final Set<String> KEYS = Set.of("src", "dst", "time", "features", "label");

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private final EdgeChecks checks;

    EdgeJsonCodec(EdgeChecks checks) {
        this.checks = checks;
    }

    @Override
    public Decoded<EdgeEvent> decode(SourceRecord record) {
        String text = record.text();
        if (text.isBlank()) {
            return Decoded.skip();
        }
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return Decoded.failed(EdgeChecks.KIND, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return Decoded.failed(EdgeChecks.KIND, "a record must be a JSON object, got " + describe(node));
        }
        try {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!KEYS.contains(key)) {
                    throw new IllegalArgumentException("unknown field \"" + key + "\" (allowed: dst, features, label,"
                            + " src, time)");
                }
            }
            String src = id(node, "src");
            String dst = id(node, "dst");
            JsonNode t = node.get("time");
            if (t == null) {
                throw new IllegalArgumentException("missing \"time\" (epoch milliseconds or an ISO-8601 instant)");
            }
            long time = time(t);
            float[] features = node.has("features") ? features(node.get("features")) : null;
            int label = node.has("label") ? label(node.get("label")) : EdgeEvent.NO_LABEL;
            return checks.edge(src, dst, time, record.seq(), features, label);
        } catch (IllegalArgumentException e) {
            return Decoded.failed(EdgeChecks.KIND, e.getMessage());
        }
    }

    private static String id(JsonNode node, String field) {
        JsonNode id = node.get(field);
        if (id == null) {
            throw new IllegalArgumentException("missing \"" + field + "\"");
        }
        if (id.isTextual() && !id.asText().isEmpty()) {
            return id.asText();
        }
        if (id.isIntegralNumber()) {
            return id.asText();
        }
        throw new IllegalArgumentException("\"" + field + "\" must be a non-empty string or an integer, got "
                + describe(id));
    }

    private static long time(JsonNode time) {
        if (time.isIntegralNumber() && time.canConvertToLong()) {
            return time.asLong();
        }
        if (time.isTextual()) {
            return EventTimes.parse(time.asText());
        }
        throw new IllegalArgumentException("\"time\" must be epoch milliseconds or an ISO-8601 string, got "
                + describe(time));
    }

    private static float[] features(JsonNode array) {
        if (!array.isArray()) {
            throw new IllegalArgumentException("\"features\" must be an array of numbers, got " + describe(array));
        }
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            if (!v.isNumber()) {
                throw new IllegalArgumentException("features[" + i + "] must be a number, got " + describe(v));
            }
            out[i] = (float) v.asDouble();
        }
        return out;
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

    private static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + EdgeChecks.excerpt(node.toString());
    }
}
