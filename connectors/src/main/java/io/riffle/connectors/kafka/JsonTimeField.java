package io.riffle.connectors.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.riffle.connectors.codec.EventTimes;
import io.riffle.connectors.codec.TimeParser;
import java.io.IOException;

/**
 * Reads one top-level field of a JSON object as an event time (epoch milliseconds, or a string in the syntax of the
 * family's codec: {@link EventTimes#INSTANTS} by default) without building the object: the Kafka source needs every
 * record's event time for its per-partition watermarks before the record is decoded. Tokens are scanned until the field is found, so for Riffle's JSON lines ({@code time} second)
 * this costs a fraction of a parse.
 */
public final class JsonTimeField {
    /** Returned when the value is a JSON object without the field. */
    public static final long ABSENT = Long.MIN_VALUE;
    /** Returned when the value is not a JSON object, or the field is not a time: the record will not decode. */
    public static final long INVALID = Long.MIN_VALUE + 1;

    private final JsonFactory factory = new JsonFactory();
    private final String field;
    private final TimeParser timeParser;

    /** A field of epoch milliseconds or ISO-8601 instants. */
    public JsonTimeField(String field) {
        this(field, EventTimes.INSTANTS);
    }

    /** A field of epoch milliseconds or strings that {@code parser} reads. */
    public JsonTimeField(String field, TimeParser parser) {
        this.field = field;
        this.timeParser = parser;
    }

    /**
     * The field's time in epoch milliseconds, {@link #ABSENT} or {@link #INVALID}. Never throws on bad input. Stops
     * at the field: the rest of the record is left to the decoder, which checks all of it.
     */
    public long read(String json) {
        try (JsonParser parser = factory.createParser(json)) {
            return read(parser);
        } catch (IOException | RuntimeException e) {
            return INVALID;
        }
    }

    /** As {@link #read(String)}, from UTF-8 bytes (no string needed first). */
    public long read(byte[] utf8) {
        try (JsonParser parser = factory.createParser(utf8)) {
            return read(parser);
        } catch (IOException | RuntimeException e) {
            return INVALID;
        }
    }

    private long read(JsonParser parser) {
        try {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return INVALID;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                boolean match = field.equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (match) {
                    return time(parser, value);
                }
                parser.skipChildren();
            }
            return token == JsonToken.END_OBJECT ? ABSENT : INVALID;
        } catch (IOException | RuntimeException e) {
            return INVALID;
        }
    }

    private long time(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT
                || value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.LONG) {
            return parser.getLongValue();
        }
        if (value == JsonToken.VALUE_STRING) {
            try {
                return timeParser.parse(parser.getText());
            } catch (IllegalArgumentException e) {
                return INVALID;
            }
        }
        return INVALID;
    }
}
