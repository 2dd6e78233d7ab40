package io.riffle.streaming.ctr;

import io.riffle.models.ctr.LinearModelUpdate;
import io.riffle.models.event.DeadLetter;
import io.riffle.models.event.ModelSnapshot;
import io.riffle.models.event.Prediction;
import io.riffle.models.metrics.CtrMetrics;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The outputs of a CTR job's graph, for the caller to wire to sinks. */
public record CtrStreams(
        DataStream<Prediction> predictions,
        DataStream<CtrMetrics> metrics,
        DataStream<DeadLetter> deadLetters,
        DataStream<LinearModelUpdate> modelVersions,
        DataStream<ModelSnapshot> modelFiles) {}
