package io.riffle.operators.common;

/**
 * Paces a replay at a chosen speed-up of its event time: after a record at event time {@code t}, waits until the wall
 * clock has advanced {@code (t - t0) / speedup} since the first record. A speed-up of 0 means as fast as possible.
 * Blocking here back-pressures the source, which is what a paced replay wants.
 */
public final class ReplayPacer {
    private final double speedup;
    private long firstEventTime = Long.MIN_VALUE;
    private long firstWallNanos;

    public ReplayPacer(double speedup) {
        if (speedup < 0 || Double.isNaN(speedup)) {
            throw new IllegalArgumentException("--speedup must be >= 0 (0 = as fast as possible), got " + speedup);
        }
        this.speedup = speedup;
    }

    public void pace(long eventTime) throws InterruptedException {
        if (speedup == 0) {
            return;
        }
        if (firstEventTime == Long.MIN_VALUE) {
            firstEventTime = eventTime;
            firstWallNanos = System.nanoTime();
            return;
        }
        double dueNanos = (eventTime - firstEventTime) / speedup * 1e6;
        long waitNanos = (long) dueNanos - (System.nanoTime() - firstWallNanos);
        if (waitNanos > 1_000_000) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
