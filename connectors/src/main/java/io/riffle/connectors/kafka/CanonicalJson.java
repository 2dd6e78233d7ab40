package io.riffle.connectors.kafka;

import io.riffle.connectors.sink.JsonLines;
import io.riffle.models.event.Impression;
import io.riffle.models.event.LabelEvent;
import io.riffle.models.event.Labels;

/**
 * Writes decoded events back as Riffle's canonical JSON lines (README, "Input formats"), the value format of Riffle's
 * Kafka topics: {@code riffle kafka load} converts any input format to it, so a topic holds one self-describing
 * format whatever the file was. Decoding the line again gives the same event (same fields, values and time).
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    public static void impression(Impression e, StringBuilder out) {
        out.append("{\"id\":");
        JsonLines.string(out, e.id());
        out.append(",\"time\":").append(e.time());
        if (e.fields().length > 0) {
            out.append(",\"features\":{");
            for (int i = 0; i < e.fields().length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                JsonLines.string(out, e.fields()[i]);
                out.append(':');
                JsonLines.string(out, e.values()[i]);
            }
            out.append('}');
        }
        if (e.numericFields().length > 0 || e.fields().length == 0) {
            out.append(",\"numeric\":{");
            for (int i = 0; i < e.numericFields().length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                JsonLines.string(out, e.numericFields()[i]);
                out.append(':');
                JsonLines.number(out, e.numeric()[i]);
            }
            out.append('}');
        }
        if (Labels.isKnown(e.label())) {
            out.append(",\"label\":").append(e.label());
        }
        out.append('}');
    }

    public static void label(LabelEvent e, StringBuilder out) {
        out.append("{\"id\":");
        JsonLines.string(out, e.id());
        out.append(",\"time\":").append(e.time());
        out.append(",\"label\":").append(e.label()).append('}');
    }
}
