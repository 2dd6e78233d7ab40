package io.riffle.operators.ctr;

/** Which model version scores an impression. */
public enum ScoringMode {
    /**
     * The newest version the scorer holds when the impression arrives: what a live deployment does. Which version
     * that is depends on timing, so replays are not reproducible in this mode.
     */
    LATEST,
    /**
     * The version as of the impression's event time minus the publication lag (an event-time temporal join against
     * the model stream): replays are reproducible, and a backtest sees the staleness production would have.
     */
    EVENT_TIME;

    public String cliName() {
        return this == LATEST ? "latest" : "event-time";
    }

    public static ScoringMode parse(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "latest" -> LATEST;
            case "event-time", "event_time", "eventtime" -> EVENT_TIME;
            default -> throw new IllegalArgumentException("unknown scoring mode '" + name
                    + "'; use latest or event-time");
        };
    }
}
