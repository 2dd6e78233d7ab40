package io.riffle.connectors.kafka;

import io.riffle.connectors.codec.CtrCodec;
import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrDecoded;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.connectors.source.SourceRecord;

/**
 * Click logs into Kafka: one record per impression or label event, key = event id, value = the row itself for JSON
 * lines (byte for byte) or the event as Riffle's canonical JSON line for other formats ({@link CanonicalJson}). Label
 * events, and rows that seemed to be labels but do not decode, go to the second topic when there is one.
 */
public final class CtrHistoryFormat implements HistoryFormat {
    private final CtrCodec codec;
    private final boolean raw;
    private final StringBuilder json = new StringBuilder(512);

    public CtrHistoryFormat(CtrCodecSpec spec) {
        this.codec = spec.create();
        this.raw = spec.format() == CtrFormat.JSONL;
    }

    @Override
    public void convert(SourceRecord row, Records out) {
        CtrDecoded decoded = codec.decode(row);
        if (decoded.impression() != null) {
            String value = row.text();
            if (!raw) {
                json.setLength(0);
                CanonicalJson.impression(decoded.impression(), json);
                value = json.toString();
            }
            out.event("impression", false, decoded.impression().id(), decoded.impression().time(), value);
        } else if (decoded.label() != null) {
            String value = row.text();
            if (!raw) {
                json.setLength(0);
                CanonicalJson.label(decoded.label(), json);
                value = json.toString();
            }
            out.event("label", true, decoded.label().id(), decoded.label().time(), value);
        } else if (decoded.isFailure()) {
            out.undecodable("label".equals(decoded.kind()), row.text());
        }
    }
}
