package io.riffle.connectors.graph;

import io.riffle.connectors.codec.Decoded;
import io.riffle.connectors.codec.RecordCodec;
import io.riffle.connectors.kafka.HistoryFormat;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.connectors.sink.JsonLines;
import io.riffle.models.graph.event.EdgeEvent;

/**
 * Recorded edge streams into Kafka: one record per interaction, key = source node id (so a node's outgoing
 * interactions stay in one partition, in order), timestamp = the interaction's event time, value = the interaction
 * as a canonical JSON line ({@code {"src":"u1","dst":"i9","time":1700000000000,"features":[0.1],"label":0}}, time in
 * epoch milliseconds, {@code features} and {@code label} only when the record has them). JSON lines are sent byte
 * for byte; JODIE and SNAP rows are converted (their times scaled by the time unit, users and items named as the
 * codec names them). A row that does not decode is sent unchanged, for the job to dead-letter. Blank lines, comments
 * and header rows send nothing.
 *
 * <p>The codec should accept any feature width and keep self-loops ({@link #loading}): the job, not the load,
 * decides which interactions it uses.
 */
public final class EdgeHistoryFormat implements HistoryFormat {
    /** What the load counts an interaction as. */
    public static final String KIND = "interaction";

    private final RecordCodec<EdgeEvent> codec;
    private final boolean jsonLines;
    private final StringBuilder json = new StringBuilder(128);

    public EdgeHistoryFormat(EdgeCodecSpec spec) {
        this.codec = spec.create();
        this.jsonLines = spec.format() == EdgeFormat.JSONL;
    }

    /** A codec for loading: {@code format} with the time unit given, any feature width, self-loops kept. */
    public static EdgeCodecSpec loading(EdgeFormat format, long timeUnitMillis) {
        return new EdgeCodecSpec(format, EdgeCodecSpec.ANY_WIDTH, timeUnitMillis, true);
    }

    @Override
    public void convert(SourceRecord row, Records out) {
        Decoded<EdgeEvent> decoded = codec.decode(row);
        if (decoded.isFailure()) {
            out.undecodable(false, row.text());
            return;
        }
        EdgeEvent e = decoded.value();
        if (e == null) {
            return;
        }
        String value = row.text();
        if (!jsonLines) {
            json.setLength(0);
            edge(e, json);
            value = json.toString();
        }
        out.event(KIND, false, e.source(), e.time(), value);
    }

    /** Appends {@code e} as a canonical edge JSON line. */
    static void edge(EdgeEvent e, StringBuilder out) {
        out.append("{\"src\":");
        JsonLines.string(out, e.source());
        out.append(",\"dst\":");
        JsonLines.string(out, e.destination());
        out.append(",\"time\":").append(e.time());
        if (e.features().length > 0) {
            out.append(",\"features\":[");
            for (int i = 0; i < e.features().length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                // Float's shortest text: decodes back to the same float (the codec checked it is finite).
                out.append(e.features()[i]);
            }
            out.append(']');
        }
        if (e.label() != EdgeEvent.NO_LABEL) {
            out.append(",\"label\":").append(e.label());
        }
        out.append('}');
    }
}
