package io.riffle.connectors.reservoir;

import io.riffle.connectors.codec.Decoded;
import io.riffle.connectors.codec.RecordCodec;
import io.riffle.connectors.kafka.HistoryFormat;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.reservoir.event.SeriesRow;

/**
 * Recorded series into Kafka: one record per point, key = series key (so a series stays in one partition, in order),
 * timestamp = the point's event time, value = the point as a canonical JSON line
 * ({@code {"key":…,"time":…,"value":…}}, {@link SeriesJsonLines#point}). JSON lines are sent byte for byte (a line
 * without a time is stamped with its row time, which the job then takes from the timestamp); a CSV row is converted,
 * one record per point (a wide row makes one per series column). A row that does not decode is sent unchanged, for
 * the job to dead-letter; a wide row with some unusable cells sends its good points and also the row unchanged, so
 * the bad cells reach the dead letters too (as a record that is not JSON).
 */
public final class SeriesHistoryFormat implements HistoryFormat {
    private final RecordCodec<SeriesRow> codec;
    private final boolean jsonLines;
    private final StringBuilder json = new StringBuilder(128);

    public SeriesHistoryFormat(SeriesCodecSpec spec) {
        this.codec = spec.create();
        this.jsonLines = spec.format() == SeriesFormat.JSONL;
    }

    @Override
    public void convert(SourceRecord row, Records out) {
        Decoded<SeriesRow> decoded = codec.decode(row);
        if (decoded.isFailure()) {
            out.undecodable(false, row.text());
            return;
        }
        SeriesRow points = decoded.value();
        if (points == null) {
            return;
        }
        for (int i = 0; i < points.points(); i++) {
            String value;
            if (jsonLines) {
                value = row.text();
            } else {
                json.setLength(0);
                SeriesJsonLines.point(json, points.keys()[i], points.time(), points.valuesOf(i));
                value = json.toString();
            }
            out.event(SeriesJsonCodec.KIND, false, points.keys()[i], points.time(), value);
        }
        if (points.deadLetter() != null) {
            out.undecodable(false, row.text());
        }
    }
}
