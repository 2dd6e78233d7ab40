package io.riffle.operators.ctr;

import java.util.Locale;

/** When a joined impression becomes a training example. */
public enum LabelTiming {
    /**
     * When its attribution window closes, with the label that came within it (a click) or none (a negative). Every
     * example waits the same window, so the learner sees clicks and non-clicks in their true proportions: the default.
     */
    WINDOW_END,
    /**
     * A click as soon as its label arrives, a non-click when the window closes. Clicks are learned sooner, but while
     * windows are open the learner sees clicks without their non-clicks and over-predicts (the delayed-feedback bias
     * of Chapelle 2014; Ktena et al. 2019): fine for long streams with windows short against them.
     */
    LABEL_TIME;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static LabelTiming parse(String name) {
        for (LabelTiming t : values()) {
            if (t.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown label timing '" + name + "'; use window-end or label-time");
    }
}
