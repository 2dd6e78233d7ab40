package io.riffle.operators.common;

/**
 * Decides whether a record is too late to be used: its time is more than {@code allowedLatenessMillis} behind the
 * newest time seen. The same bound drives the watermark ({@link BoundedLatenessWatermarks}), so every record let
 * through here is ahead of the watermark, and event-time operators downstream never see a late record.
 */
public final class LateRecordFilter {
    private final long allowedLatenessMillis;
    private long maxSeen = Long.MIN_VALUE;

    public LateRecordFilter(long allowedLatenessMillis) {
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    /** Records {@code time}; returns false (and changes nothing) when it is late. */
    public boolean accept(long time) {
        if (maxSeen != Long.MIN_VALUE && time < maxSeen - allowedLatenessMillis) {
            return false;
        }
        maxSeen = Math.max(maxSeen, time);
        return true;
    }

    public long maxSeen() {
        return maxSeen;
    }

    public void restore(long maxSeen) {
        this.maxSeen = maxSeen;
    }

    public String lateReason(long time) {
        return "late: event time " + time + " is " + (maxSeen - time) + " ms behind the newest event time seen ("
                + maxSeen + "), more than the allowed lateness of " + allowedLatenessMillis + " ms (--allowed-lateness)";
    }
}
