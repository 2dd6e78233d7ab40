package io.riffle.streaming.graph;

import io.riffle.models.event.DeadLetter;
import io.riffle.models.event.ModelSnapshot;
import io.riffle.models.graph.event.GraphMetrics;
import io.riffle.models.graph.event.LinkPrediction;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The outputs of a graph job's graph, for the caller to wire to sinks. */
public record GraphStreams(
        DataStream<LinkPrediction> predictions,
        DataStream<GraphMetrics> metrics,
        DataStream<DeadLetter> deadLetters,
        DataStream<ModelSnapshot> modelFiles) {}
