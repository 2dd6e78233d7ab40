package io.riffle.connectors.codec;

import io.riffle.models.event.Impression;
import io.riffle.models.event.LabelEvent;

/**
 * What a codec made of one record: an impression, a label event, nothing (a blank line or a header), or a failure
 * with the kind of record it seemed to be and the reason.
 */
public record CtrDecoded(Impression impression, LabelEvent label, String kind, String failure) {
    public static final CtrDecoded SKIP = new CtrDecoded(null, null, null, null);

    public static CtrDecoded of(Impression impression) {
        return new CtrDecoded(impression, null, "impression", null);
    }

    public static CtrDecoded of(LabelEvent label) {
        return new CtrDecoded(null, label, "label", null);
    }

    public static CtrDecoded failed(String kind, String reason) {
        return new CtrDecoded(null, null, kind, reason);
    }

    public boolean isFailure() {
        return failure != null;
    }
}
