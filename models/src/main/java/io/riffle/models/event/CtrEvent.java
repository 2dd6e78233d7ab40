package io.riffle.models.event;

/**
 * One decoded CTR record: an impression or a label event (exactly one is non-null). A single stream of both lets one
 * watermark generator see every record of a mixed input in order.
 */
public record CtrEvent(Impression impression, LabelEvent label) {
    public static CtrEvent of(Impression impression) {
        return new CtrEvent(impression, null);
    }

    public static CtrEvent of(LabelEvent label) {
        return new CtrEvent(null, label);
    }

    public long time() {
        return impression != null ? impression.time() : label.time();
    }

    public long seq() {
        return impression != null ? impression.seq() : label.seq();
    }
}
