package io.riffle.connectors.reservoir;

import io.riffle.connectors.sink.JsonLines;
import io.riffle.connectors.sink.LineEncoder;
import io.riffle.models.reservoir.event.ScoreSums;
import io.riffle.models.reservoir.event.SeriesForecast;
import io.riffle.models.reservoir.event.SeriesMetrics;
import io.riffle.models.reservoir.event.SeriesReport;

/**
 * The JSON-lines encodings of the reservoir job's outputs (README, "Reservoir computers"). Values per horizon are
 * objects keyed by the horizon ({@code {"1":0.43,"5":0.47}}), vectors are arrays. Non-finite numbers (an NRMSE before
 * the targets spread) are written as {@code null}.
 */
public final class SeriesJsonLines {
    private SeriesJsonLines() {}

    /**
     * {@code {"key":"sensor-7","time":1700000000000,"modelVersion":812,"warm":true,"forecast":{"1":0.43,"5":0.47}}};
     * a d-dimensional series has arrays: {@code "forecast":{"1":[0.1,-0.3,2.5]}}.
     */
    public static LineEncoder<SeriesForecast> forecasts(int[] horizons) {
        int[] h = horizons.clone();
        return (f, out) -> {
            out.append("{\"key\":");
            JsonLines.string(out, f.key());
            out.append(",\"time\":").append(f.time());
            out.append(",\"modelVersion\":").append(f.modelVersion());
            out.append(",\"warm\":").append(f.warm());
            out.append(",\"forecast\":{");
            int d = f.dims();
            for (int i = 0; i < h.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append('"').append(h[i]).append("\":");
                if (d == 1) {
                    JsonLines.number(out, f.values()[i]);
                } else {
                    out.append('[');
                    for (int j = 0; j < d; j++) {
                        if (j > 0) {
                            out.append(',');
                        }
                        JsonLines.number(out, f.values()[i * d + j]);
                    }
                    out.append(']');
                }
            }
            out.append("}}");
        };
    }

    /** One line per key and metrics interval in which it learned (and when it expires): {@code model-versions.jsonl}. */
    public static LineEncoder<SeriesReport> reports(int[] horizons) {
        int[] h = horizons.clone();
        return (r, out) -> {
            out.append("{\"key\":");
            JsonLines.string(out, r.key());
            out.append(",\"version\":").append(r.version());
            out.append(",\"asOf\":").append(r.asOf());
            out.append(",\"lastTime\":").append(r.lastTime());
            out.append(",\"lastInputPosition\":").append(r.lastSeq());
            out.append(",\"scored\":").append(r.scored());
            scores(out, h, r.nrmseByHorizon(), r.persistenceNrmseByHorizon());
            out.append(",\"expired\":").append(r.expired()).append('}');
        };
    }

    /** One line per metrics interval: the job's pooled NRMSEs so far ({@code metrics.jsonl}). */
    public static LineEncoder<SeriesMetrics> metrics(int[] horizons) {
        int[] h = horizons.clone();
        return (m, out) -> {
            ScoreSums t = m.totals();
            out.append("{\"asOf\":").append(m.asOf());
            out.append(",\"points\":").append(t.points());
            out.append(",\"keys\":").append(m.keys());
            out.append(",\"liveKeys\":").append(m.liveKeys());
            out.append(",\"scored\":").append(t.count()[0]);
            scores(out, h, t.nrmseByHorizon(), t.persistenceNrmseByHorizon());
            out.append(",\"divergedForecasts\":").append(t.divergedTotal()).append('}');
        };
    }

    /** {@code nrmse} and {@code persistenceNrmse} (the first horizon), then both by horizon. */
    private static void scores(StringBuilder out, int[] h, double[] nrmse, double[] persistence) {
        JsonLines.field(out, "nrmse", nrmse[0]);
        out.append(",\"nrmseByHorizon\":");
        byHorizon(out, h, nrmse);
        JsonLines.field(out, "persistenceNrmse", persistence[0]);
        out.append(",\"persistenceNrmseByHorizon\":");
        byHorizon(out, h, persistence);
    }

    private static void byHorizon(StringBuilder out, int[] h, double[] values) {
        out.append('{');
        for (int i = 0; i < h.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(h[i]).append("\":");
            JsonLines.number(out, values[i]);
        }
        out.append('}');
    }

    /** The canonical input line of one point (as {@link SeriesJsonCodec} reads it). */
    public static void point(StringBuilder out, String key, long time, double[] values) {
        out.append("{\"key\":");
        JsonLines.string(out, key);
        out.append(",\"time\":").append(time);
        if (values.length == 1) {
            out.append(",\"value\":");
            JsonLines.number(out, values[0]);
        } else {
            out.append(",\"values\":[");
            for (int j = 0; j < values.length; j++) {
                if (j > 0) {
                    out.append(',');
                }
                JsonLines.number(out, values[j]);
            }
            out.append(']');
        }
        out.append('}');
    }
}
