package io.riffle.connectors.graph;

import io.riffle.connectors.sink.JsonLines;
import io.riffle.connectors.sink.LineEncoder;
import io.riffle.models.graph.event.EdgeEvent;
import io.riffle.models.graph.event.GraphMetrics;
import io.riffle.models.graph.event.LinkPrediction;

/** The JSON-lines encodings of the graph job's outputs (README, "Temporal interaction graphs"). */
public final class GraphJsonLines {
    private GraphJsonLines() {}

    /**
     * {@code {"src":"u1","dst":"i9","time":1700000000000,"score":0.83,"edgeBank":1,"recency":1.52,"modelStep":41}},
     * plus {@code "label"} when the record carried one.
     */
    public static LineEncoder<LinkPrediction> predictions() {
        return (p, out) -> {
            out.append("{\"src\":");
            JsonLines.string(out, p.source());
            out.append(",\"dst\":");
            JsonLines.string(out, p.destination());
            out.append(",\"time\":").append(p.time());
            JsonLines.field(out, "score", p.score());
            out.append(",\"edgeBank\":").append((int) p.edgeBank());
            JsonLines.field(out, "recency", p.recency());
            out.append(",\"modelStep\":").append(p.modelStep());
            if (p.label() != EdgeEvent.NO_LABEL) {
                out.append(",\"label\":").append(p.label());
            }
            out.append('}');
        };
    }

    /** One line per metrics time: counts, then the model's and the baselines' AP, AUC and MRR. */
    public static LineEncoder<GraphMetrics> metrics() {
        return (m, out) -> {
            out.append("{\"time\":").append(m.time());
            out.append(",\"interactions\":").append(m.interactions());
            out.append(",\"nodes\":").append(m.nodes());
            out.append(",\"modelStep\":").append(m.modelStep());
            out.append(",\"apPairs\":").append(m.apPairs());
            out.append(",\"mrrQueries\":").append(m.mrrQueries());
            JsonLines.field(out, "ap", m.ap());
            JsonLines.field(out, "auc", m.auc());
            JsonLines.field(out, "mrr", m.mrr());
            JsonLines.field(out, "apEdgeBank", m.apEdgeBank());
            JsonLines.field(out, "aucEdgeBank", m.aucEdgeBank());
            JsonLines.field(out, "mrrEdgeBank", m.mrrEdgeBank());
            JsonLines.field(out, "apRecency", m.apRecency());
            JsonLines.field(out, "aucRecency", m.aucRecency());
            JsonLines.field(out, "mrrRecency", m.mrrRecency());
            JsonLines.field(out, "loss", m.loss());
            out.append('}');
        };
    }

    /**
     * The graph job's model versions, one per metrics line: the optimiser step of the shared parameters as of that
     * event time, with what they were learned from. {@code {"model":"graph","version":41,"asOf":1700000000000,
     * "interactions":1200,"nodes":310,"riffleVersion":"0.1.0"}}.
     */
    public static LineEncoder<GraphMetrics> modelVersions(String graph) {
        String version = io.riffle.models.RiffleVersion.get();
        return (m, out) -> {
            out.append("{\"model\":");
            JsonLines.string(out, graph);
            out.append(",\"version\":").append(m.modelStep());
            out.append(",\"asOf\":").append(m.time());
            out.append(",\"interactions\":").append(m.interactions());
            out.append(",\"nodes\":").append(m.nodes());
            out.append(",\"riffleVersion\":");
            JsonLines.string(out, version);
            out.append('}');
        };
    }
}
