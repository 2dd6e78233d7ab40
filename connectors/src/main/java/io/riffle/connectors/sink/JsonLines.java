package io.riffle.connectors.sink;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.riffle.models.ctr.LinearModelUpdate;
import io.riffle.models.event.DeadLetter;
import io.riffle.models.event.Prediction;
import io.riffle.models.metrics.CtrMetrics;

/**
 * The JSON-lines encodings of Riffle's outputs (README, "Outputs"). Written field by field rather than through an
 * object mapper because predictions are written once per event; strings are escaped by Jackson's
 * {@link JsonStringEncoder}. Non-finite numbers (an AUC before both classes were seen) are written as {@code null}.
 */
public final class JsonLines {
    private JsonLines() {}

    /** {@code {"id":"a1","time":1700000000000,"score":0.0132,"modelVersion":7}} */
    public static LineEncoder<Prediction> predictions() {
        return (p, out) -> {
            out.append("{\"id\":");
            string(out, p.id());
            out.append(",\"time\":").append(p.time());
            out.append(",\"score\":");
            number(out, p.score());
            out.append(",\"modelVersion\":").append(p.modelVersion()).append('}');
        };
    }

    public static LineEncoder<CtrMetrics> ctrMetrics() {
        return (m, out) -> {
            out.append("{\"time\":").append(m.time());
            out.append(",\"modelVersion\":").append(m.modelVersion());
            out.append(",\"examples\":").append(m.examples());
            out.append(",\"positives\":").append(m.positives());
            out.append(",\"labelEvents\":").append(m.labelEvents());
            out.append(",\"windowNegatives\":").append(m.windowNegatives());
            field(out, "logLoss", m.logLoss());
            field(out, "auc", m.auc());
            field(out, "windowLogLoss", m.windowLogLoss());
            field(out, "windowAuc", m.windowAuc());
            field(out, "baselineLogLoss", m.baselineLogLoss());
            field(out, "entropyLogLoss", m.entropyLogLoss());
            out.append(",\"windowSize\":").append(m.windowSize()).append('}');
        };
    }

    /** One line per published model version: its number, as-of time, size and provenance (not the weights). */
    public static LineEncoder<LinearModelUpdate> modelVersions() {
        return (u, out) -> {
            out.append("{\"model\":");
            string(out, u.model());
            out.append(",\"version\":").append(u.version());
            out.append(",\"asOf\":").append(u.asOf());
            out.append(",\"full\":").append(u.full());
            out.append(",\"weights\":").append(u.indices().length);
            out.append(",\"examplesSeen\":").append(u.examplesSeen());
            out.append(",\"lastInputPosition\":").append(u.lastSeq()).append('}');
        };
    }

    /** {@code {"kind":"impression","source":"in.jsonl","partition":-1,"position":12,"reason":"…","record":"…"}} */
    public static LineEncoder<DeadLetter> deadLetters() {
        return (d, out) -> {
            out.append("{\"kind\":");
            string(out, d.kind());
            out.append(",\"source\":");
            string(out, d.source());
            out.append(",\"partition\":").append(d.partition());
            out.append(",\"position\":").append(d.position());
            out.append(",\"reason\":");
            string(out, d.reason());
            out.append(",\"record\":");
            string(out, d.payload());
            out.append('}');
        };
    }

    public static void field(StringBuilder out, String name, double value) {
        out.append(",\"").append(name).append("\":");
        number(out, value);
    }

    public static void number(StringBuilder out, double value) {
        if (Double.isFinite(value)) {
            out.append(value);
        } else {
            out.append("null");
        }
    }

    public static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, out);
        out.append('"');
    }
}
