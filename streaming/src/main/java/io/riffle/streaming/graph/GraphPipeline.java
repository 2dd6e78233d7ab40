package io.riffle.streaming.graph;

import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.graph.event.EdgeEvent;
import io.riffle.models.graph.event.LinkPrediction;
import io.riffle.operators.common.BoundedLatenessWatermarks;
import io.riffle.operators.common.DeadLetters;
import io.riffle.operators.common.DecodeRecords;
import io.riffle.operators.graph.GraphLearnerOperator;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The temporal-graph job's graph, handed its source:
 *
 * <pre>
 * records ─ decode ─ event time ─ learn (one writer per graph) ─┬─ predictions
 *   (dead letters: bad records,                                 ├─ metrics
 *    late records)                                              └─ model file
 * </pre>
 *
 * Every stateful step has a stable uid, so savepoints survive changes to the graph around it.
 */
public final class GraphPipeline {
    private GraphPipeline() {}

    public static GraphStreams build(GraphJobConfig config, DataStream<SourceRecord> records) {
        return build(config, records, false);
    }

    /**
     * @param sourceTimed the records come with event times and watermarks from their source (Kafka: per partition,
     *                    with idleness): decoding keeps those (a record is late when it is behind the watermark) and
     *                    the graph adds no watermarks of its own
     */
    public static GraphStreams build(GraphJobConfig config, DataStream<SourceRecord> records, boolean sourceTimed) {
        DecodeRecords<EdgeEvent> decode = new DecodeRecords<>(config.codec(), EdgeEvent::time,
                config.allowedLatenessMillis(), config.speedup(), TypeInformation.of(EdgeEvent.class));
        SingleOutputStreamOperator<EdgeEvent> decoded = records
                .process(sourceTimed ? decode.sourceTimed(EdgeEvent::withTime) : decode)
                .uid("decode-edges").name("decode edges").setParallelism(records.getParallelism());
        DataStream<EdgeEvent> timed = sourceTimed ? decoded : decoded
                .assignTimestampsAndWatermarks(BoundedLatenessWatermarks.strategy(config.allowedLatenessMillis(),
                        config.watermarkStepMillis(), EdgeEvent::time))
                .uid("watermarks-edges").name("event time edges").setParallelism(decoded.getParallelism());
        SingleOutputStreamOperator<LinkPrediction> learner = timed
                .keyBy(new GraphKey(config.graph()))
                .transform("learn graph " + config.graph(), TypeInformation.of(LinkPrediction.class),
                        new GraphLearnerOperator(config.settings()))
                .uid("graph-learner").setParallelism(1).setMaxParallelism(1);
        return new GraphStreams(learner, learner.getSideOutput(GraphLearnerOperator.METRICS),
                decoded.getSideOutput(DeadLetters.TAG), learner.getSideOutput(GraphLearnerOperator.MODEL_FILES));
    }

    /** Keys every interaction by the graph's name: one learner, one writer. */
    static final class GraphKey implements KeySelector<EdgeEvent, String> {
        private final String graph;

        GraphKey(String graph) {
            this.graph = graph;
        }

        @Override
        public String getKey(EdgeEvent event) {
            return graph;
        }
    }
}
