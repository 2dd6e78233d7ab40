package io.riffle.models.reservoir;

/** Validation helpers for the configuration records: each message names the parameter, the value and the range. */
public final class Checks {
    private Checks() {}

    public static void positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
    }

    public static void nonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
    }

    /** lo < value ≤ hi. */
    public static void inHalfOpen(String name, double value, double lo, double hi) {
        if (!(value > lo && value <= hi)) {
            throw new IllegalArgumentException(name + " must be in (" + lo + ", " + hi + "], got " + value);
        }
    }

    /** lo ≤ value ≤ hi. */
    public static void inClosed(String name, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + value);
        }
    }

    public static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
    }

    public static void atMost(String name, long value, long max) {
        if (value > max) {
            throw new IllegalArgumentException(name + " must be <= " + max + ", got " + value);
        }
    }
}
