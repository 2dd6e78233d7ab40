package io.riffle.models.scoring;

import java.io.Serializable;

/**
 * The rule of a window-based early-exit cascade (after Xia and Bouganis 2023, "Window-Based Early-Exit Cascades for
 * Uncertainty Estimation"): every event is scored by a cheap model first; only an event whose cheap score falls
 * inside a window around the decision threshold, {@code |p - threshold| ≤ halfWidth}, is uncertain enough to be sent
 * on to the expensive model. Far from the threshold the cheap model's decision would not change, so it exits there.
 * A NaN cheap score is sent on.
 *
 * @param threshold the decision threshold on the click probability, in (0, 1)
 * @param halfWidth half the window's width, ≥ 0 (0: only exact ties are sent on; ≥ 1: every event is)
 */
public record CascadeWindow(double threshold, double halfWidth) implements Serializable {
    public CascadeWindow {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("--cascade-threshold must be in (0, 1), got " + threshold);
        }
        if (!(halfWidth >= 0) || Double.isInfinite(halfWidth)) {
            throw new IllegalArgumentException("--cascade-window must be a finite number >= 0, got " + halfWidth);
        }
    }

    /** True when the cheap score {@code p} is uncertain: inside the window (or NaN). */
    public boolean sendOn(double p) {
        return !(Math.abs(p - threshold) > halfWidth);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "[%.4g, %.4g]", Math.max(0, threshold - halfWidth),
                Math.min(1, threshold + halfWidth));
    }
}
