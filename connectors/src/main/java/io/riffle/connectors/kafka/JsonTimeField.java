package io.riffle.connectors.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.riffle.connectors.codec.EventTimes;
import java.io.IOException;

/**
 * Reads one top-level field of a JSON object as an event time (epoch milliseconds or an ISO-8601 instant) without
 * building the object: the Kafka source needs every record's event time for its per-partition watermarks before the
 * record is decoded. Tokens are scanned until the field is found, so for Riffle's JSON lines ({@code time} second)
 * this costs a fraction of a parse.
 */
public final class JsonTimeField {
    /** Returned when the value is not an object, has no such field, or the field is not a time. */
    public static final long ABSENT = Long.MIN_VALUE;

    private final JsonFactory factory = new JsonFactory();
    private final String field;

    public JsonTimeField(String field) {
        this.field = field;
    }

    /** The field's time in epoch milliseconds, or {@link #ABSENT}. Never throws on bad input. */
    public long read(String json) {
        try (JsonParser parser = factory.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return ABSENT;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean match = field.equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (match) {
                    return time(parser, value);
                }
                parser.skipChildren();
            }
            return ABSENT;
        } catch (IOException | RuntimeException e) {
            return ABSENT;
        }
    }

    private static long time(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT
                || value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.LONG) {
            return parser.getLongValue();
        }
        if (value == JsonToken.VALUE_STRING) {
            try {
                return EventTimes.parse(parser.getText());
            } catch (IllegalArgumentException e) {
                return ABSENT;
            }
        }
        return ABSENT;
    }
}
