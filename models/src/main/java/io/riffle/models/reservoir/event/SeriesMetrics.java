package io.riffle.models.reservoir.event;

/**
 * The job's forecasting quality as of an event-time boundary, over every key and every point up to it: one line of
 * {@code metrics.jsonl}. NRMSEs are pooled over keys ({@link ScoreSums}).
 *
 * @param asOf     the boundary
 * @param keys     keys whose state was created so far (a key that expired and came back counts again)
 * @param liveKeys keys holding state at the boundary
 * @param totals   the sums over all keys and points up to the boundary
 */
public record SeriesMetrics(long asOf, long keys, long liveKeys, ScoreSums totals) {}
