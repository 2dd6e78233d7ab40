package io.riffle.models.event;

/**
 * A score for one impression.
 *
 * @param id           impression id
 * @param time         the impression's event time
 * @param score        predicted click probability
 * @param modelVersion the model version that made the score
 */
public record Prediction(String id, long time, double score, long modelVersion) {}
