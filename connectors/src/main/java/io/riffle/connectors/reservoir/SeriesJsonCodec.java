package io.riffle.connectors.reservoir;

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
import io.riffle.models.reservoir.event.SeriesRow;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Riffle's canonical JSON lines for series (README, "Reservoir computers"), one point per line:
 *
 * <pre>
 * {"key":"sensor-7","time":1700000000000,"value":0.42}
 * {"key":"arm-2","time":"2026-11-01T00:00:00Z","values":[0.1,-0.3,2.5]}
 * </pre>
 *
 * <p>{@code key}: a non-empty string or an integer. {@code time}: epoch milliseconds or an ISO-8601 instant, date-time,
 * date or month ({@link SeriesTimes}); without it, event time comes from row order. {@code value} (a number) or
 * {@code values} (an array of 1..maxDims numbers, a vector): exactly one of the two.
 *
 * <p>Strict: a missing or null value, {@code NaN} or an infinite number, a string where a number belongs, an unknown
 * field, a duplicate field, or trailing text dead-letters the line with a reason (kind {@code point}).
 */
public final class SeriesJsonCodec implements RecordCodec<SeriesRow> {
    static final String KIND = "point";
    private static final Set<String> FIELDS = Set.of("key", "time", "value", "values");

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // NaN and Infinity are read, so that they are dead-lettered as such rather than as "not JSON"
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private final long rowTimeStepMillis;
    private final int maxDims;

    public SeriesJsonCodec(long rowTimeStepMillis, int maxDims) {
        this.rowTimeStepMillis = rowTimeStepMillis;
        this.maxDims = maxDims;
    }

    @Override
    public Decoded<SeriesRow> decode(SourceRecord record) {
        String text = record.text();
        if (text.isBlank()) {
            return Decoded.skip();
        }
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return Decoded.failed(KIND, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return Decoded.failed(KIND, "a point must be a JSON object, got " + describe(node));
        }
        try {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!FIELDS.contains(field)) {
                    throw new IllegalArgumentException("unknown field \"" + field + "\" (a point has key, time, and"
                            + " value or values)");
                }
            }
            String key = key(node.get("key"));
            long time = node.has("time") ? time(node.get("time")) : EventTimes.rowTime(record, rowTimeStepMillis);
            return Decoded.of(SeriesRow.of(key, time, record.seq(), values(node)), KIND);
        } catch (IllegalArgumentException e) {
            return Decoded.failed(KIND, e.getMessage());
        }
    }

    private static String key(JsonNode key) {
        if (key == null) {
            throw new IllegalArgumentException("missing \"key\" (the series id)");
        }
        if (key.isTextual() && !key.asText().isEmpty()) {
            return key.asText();
        }
        if (key.isIntegralNumber()) {
            return key.asText();
        }
        throw new IllegalArgumentException("\"key\" must be a non-empty string or an integer, got " + describe(key));
    }

    private static long time(JsonNode time) {
        if (time.isIntegralNumber() && time.canConvertToLong()) {
            return time.asLong();
        }
        if (time.isTextual()) {
            return SeriesTimes.parse(time.asText());
        }
        throw new IllegalArgumentException("\"time\" must be epoch milliseconds or an ISO-8601 string, got "
                + describe(time));
    }

    private double[] values(JsonNode node) {
        JsonNode value = node.get("value");
        JsonNode values = node.get("values");
        if (value != null && values != null) {
            throw new IllegalArgumentException("give \"value\" or \"values\", not both");
        }
        if (value == null && values == null) {
            throw new IllegalArgumentException("missing value: a point needs \"value\" (a number) or \"values\" (an"
                    + " array of numbers)");
        }
        if (value != null) {
            return new double[] {number("value", value)};
        }
        if (!values.isArray()) {
            throw new IllegalArgumentException("\"values\" must be an array of numbers, got " + describe(values));
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("\"values\" is empty");
        }
        if (values.size() > maxDims) {
            throw new IllegalArgumentException("\"values\" has " + values.size() + " components, more than the"
                    + " limit of " + maxDims + " (--max-dims)");
        }
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number("values[" + i + "]", values.get(i));
        }
        return out;
    }

    private static double number(String field, JsonNode v) {
        if (v.isNull()) {
            throw new IllegalArgumentException("missing value: \"" + field + "\" is null");
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a number, got " + describe(v));
        }
        double x = v.asDouble();
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("\"" + field + "\" is " + (Double.isNaN(x) ? "NaN" : "not finite ("
                    + v.asText() + ")") + ": a point needs finite values");
        }
        return x;
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        String text = node.toString();
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + (text.length() > 40
                ? text.substring(0, 40) + "…" : text);
    }
}
