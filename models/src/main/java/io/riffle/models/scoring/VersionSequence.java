package io.riffle.models.scoring;

/**
 * Which model versions a scorer applies. A trainer publishes whole models (on start and after a restore) and deltas,
 * each numbered one more than the version before it. A version not newer than the newest applied is a copy met twice;
 * a delta that does not follow the newest applied would leave the weights of the versions between unapplied. Both
 * occur only after a restore at another parallelism, when a scorer's own table and the versions in flight to it come
 * from different scorers' checkpoints: it skips them until the whole model the trainer publishes after every restore.
 */
public final class VersionSequence {
    private VersionSequence() {}

    /**
     * @param newest  the newest version applied or queued, or -1 for none
     * @param version the arriving version
     * @param whole   whether it holds the whole model
     */
    public static boolean applies(long newest, long version, boolean whole) {
        if (version <= newest) {
            return false;
        }
        return whole || newest < 0 || version == newest + 1;
    }

    /** The log line for a delta that {@link #applies} refused after a gap. */
    public static String gapNote(long newest, long version) {
        return "Model version " + version + " skipped: it changes version " + (version - 1) + ", and this scorer holds "
                + newest + "; waiting for the whole model the trainer publishes after a restore";
    }
}
