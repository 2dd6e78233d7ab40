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

    /**
     * Why a record of a source-timed input (Kafka: watermarks per partition, made in the source) is late: its time is
     * at or behind the watermark. Only the watermark counts there, not the newest time seen: another partition may be
     * far ahead of a lagging one without either being late.
     */
    public static String behindWatermarkReason(long time, long watermark, long allowedLatenessMillis) {
        return "late: event time " + time + " is behind the watermark " + watermark + " (" + (watermark - time)
                + " ms; the source's partitions allow " + allowedLatenessMillis + " ms, --allowed-lateness)";
    }
}
