package io.riffle.models.reservoir.event;

/**
 * A key's model version and scores as of an event-time boundary: emitted once for every metrics interval in which the
 * key learned, and when its state expires. The per-key line of {@code model-versions.jsonl}, and the increment the
 * global metrics add up.
 *
 * @param key                       the series id
 * @param asOf                      the boundary (a multiple of the metrics interval): the report covers the key's
 *                                  points with time ≤ asOf
 * @param version                   the key's model version: points learned from
 * @param lastTime                  event time of the last point learned from
 * @param lastSeq                   input position of that point (provenance)
 * @param first                     the key's first report since its state was created
 * @param expired                   the key's state was dropped after this report (no point for the key TTL)
 * @param scored                    forecasts of the key scored at the first configured horizon
 * @param nrmseByHorizon            the key's NRMSE per configured horizon, over all its scored forecasts
 * @param persistenceNrmseByHorizon persistence's NRMSE on the same points
 * @param increment                 what changed since the key's previous report (to add into the global sums)
 */
public record SeriesReport(String key, long asOf, long version, long lastTime, long lastSeq, boolean first,
        boolean expired, long scored, double[] nrmseByHorizon, double[] persistenceNrmseByHorizon,
        ScoreSums increment) {}
