package io.riffle.operators.ctr;

/**
 * What the label join remembers, for a while, of an impression whose attribution window closed: when, and whether a
 * label closed it. Only used to name the reason of a label that comes after.
 */
public record ClosedWindow(long end, boolean labelled) {}
