package io.riffle.models.event;

/** Where an example's label came from. */
public enum LabelSource {
    /** The impression's own row carried it (learned at the impression's time). */
    ROW,
    /** A label event joined to the impression. */
    EVENT,
    /** No label came within the attribution window: a negative at the window's end. */
    WINDOW_EXPIRED
}
