package io.riffle.models.reservoir.forecast;

/**
 * All a {@link PrequentialForecaster} keeps for one key: the forecaster's {@link KeyState} (reservoir state,
 * normalisation, readout) and the key's {@link HorizonScores}. Mutable; one writer at a time.
 */
public final class SeriesKey {
    final KeyState model;
    final HorizonScores scores;

    SeriesKey(KeyState model, HorizonScores scores) {
        this.model = model;
        this.scores = scores;
    }

    /** The model (live). */
    public KeyState model() {
        return model;
    }

    /** The scores (live). */
    public HorizonScores scores() {
        return scores;
    }

    /** The model's version: points learned from. */
    public long version() {
        return model.seen();
    }

    /** True when both parts are bit-for-bit equal. */
    public boolean sameState(SeriesKey o) {
        return model.sameState(o.model) && scores.sameState(o.scores);
    }
}
