package io.riffle.models.event;

/** Label encoding shared by every event record: a click is 1, no click 0, and "not known yet" {@link #NONE}. */
public final class Labels {
    /** The event carries no label; it is scored, and learned from only once a label event joins it. */
    public static final int NONE = -1;

    private Labels() {}

    /** True when {@code label} is 0 or 1. */
    public static boolean isKnown(int label) {
        return label == 0 || label == 1;
    }
}
