package io.riffle.streaming.ctr;

import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.ctr.LinearModelUpdate;
import io.riffle.models.event.CtrEvent;
import io.riffle.models.event.DeadLetter;
import io.riffle.models.event.Example;
import io.riffle.models.event.HashedImpression;
import io.riffle.models.event.LabelEvent;
import io.riffle.models.event.Prediction;
import io.riffle.operators.common.BoundedLatenessWatermarks;
import io.riffle.operators.common.DeadLetters;
import io.riffle.operators.common.EndOfInputWatermark;
import io.riffle.operators.common.SourceNames;
import io.riffle.operators.ctr.CtrScorerOperator;
import io.riffle.operators.ctr.DecodeFunction;
import io.riffle.operators.ctr.FeaturizeFunction;
import io.riffle.operators.ctr.FtrlTrainerOperator;
import io.riffle.operators.ctr.LabelJoinOperator;
import io.riffle.streaming.onnx.OnnxScoring;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The CTR job's graph, handed its sources; a DAG, since Flink 2 jobs have no loops:
 *
 * <pre>
 * records ─ decode ─ watermarks ─┐
 * labels  ─ decode ─ watermarks ─┴ featurize ─┬──────────────────────── score ── predictions
 *                                             ├─ awaiting label ┐          ▲
 *                                             ├─ labels ────── join ─┐     │ model versions (a copy per scorer)
 *                                             └─ labelled rows ──────┴─ train ─ metrics, model file
 * </pre>
 *
 * Every stateful step has a stable uid, so savepoints survive changes to the graph around it. Both edges into the
 * scorer are round-robin ({@link ScorerEdges}), so a checkpoint never stops scoring while the join and the trainer
 * take their snapshots.
 */
public final class CtrPipeline {
    private CtrPipeline() {}

    /**
     * @param impressions records of impressions (and, for JSON lines, label events too), without timestamps
     * @param labels      records of label events from a second input (JSON lines), or null
     * @param sources     names of the inputs by index, for dead letters raised after decoding
     */
    public static CtrStreams build(CtrJobConfig config, DataStream<SourceRecord> impressions,
                                   DataStream<SourceRecord> labels, SourceNames sources) {
        return build(config, impressions, labels, sources, false);
    }

    /**
     * @param sourceTimed the inputs come with event times and watermarks from their sources (Kafka: per partition,
     *                    with idleness): decoding keeps those and the graph adds no watermarks of its own
     */
    public static CtrStreams build(CtrJobConfig config, DataStream<SourceRecord> impressions,
                                   DataStream<SourceRecord> labels, SourceNames sources, boolean sourceTimed) {
        int p = config.parallelism();
        SingleOutputStreamOperator<CtrEvent> decoded =
                decode(config, impressions, config.codec(), "impressions", sourceTimed);
        DataStream<DeadLetter> deadLetters = decoded.getSideOutput(DeadLetters.TAG);
        DataStream<CtrEvent> events = sourceTimed ? decoded : withWatermarks(config, decoded, "impressions");
        if (labels != null) {
            CtrCodecSpec labelCodec = CtrCodecSpec.of(CtrFormat.JSONL).withTimeField(config.codec().timeField());
            SingleOutputStreamOperator<CtrEvent> decodedLabels =
                    decode(config, labels, labelCodec, "labels", sourceTimed);
            deadLetters = deadLetters.union(decodedLabels.getSideOutput(DeadLetters.TAG));
            if (sourceTimed) {
                // Two sources meet in a union, which Flink cannot chain: without a partitioner each side would be a
                // forward edge between tasks, whose in-flight records an unaligned checkpoint cannot hand to another
                // parallelism, so the job could not be rescaled from its checkpoint. Rebalanced, both can.
                events = events.rebalance().union(decodedLabels.rebalance());
            } else {
                events = events.union(withWatermarks(config, decodedLabels, "labels"));
            }
        }
        if (sourceTimed) {
            events = events.transform("end of input", TypeInformation.of(CtrEvent.class),
                            new EndOfInputWatermark<>(config.allowedLatenessMillis(), CtrEvent::time))
                    .uid("end-of-input-watermark").setParallelism(impressions.getParallelism());
        }

        SingleOutputStreamOperator<HashedImpression> hashed = events
                .process(new FeaturizeFunction(config.features(), config.joinLabels(), config.labelDelayMillis()))
                .uid("featurize").name("featurize").setParallelism(p);

        DataStream<Example> examples = hashed.getSideOutput(FeaturizeFunction.EXAMPLES);
        if (config.joinLabels()) {
            DataStream<HashedImpression> awaiting = hashed.getSideOutput(FeaturizeFunction.AWAITING_LABEL);
            DataStream<LabelEvent> labelEvents = hashed.getSideOutput(FeaturizeFunction.LABELS);
            SingleOutputStreamOperator<Example> joined = awaiting.keyBy(HashedImpression::id)
                    .connect(labelEvents.keyBy(LabelEvent::id))
                    .transform("label join", TypeInformation.of(Example.class),
                            new LabelJoinOperator(config.attributionWindowMillis(), config.allowedLatenessMillis(),
                                    sources, config.labelTiming()))
                    .uid("label-join").setParallelism(p);
            examples = examples.union(joined);
            deadLetters = deadLetters.union(joined.getSideOutput(DeadLetters.TAG));
        }

        SingleOutputStreamOperator<LinearModelUpdate> trainer = examples
                .keyBy(new ModelKey(config.model()))
                .transform("train FTRL " + config.model(), TypeInformation.of(LinearModelUpdate.class),
                        new FtrlTrainerOperator(config.trainerSettings()))
                .uid("ftrl-trainer").setParallelism(1).setMaxParallelism(1);

        DataStream<Prediction> predictions = config.scorer().kind() != ScorerSettings.Kind.FTRL
                ? OnnxScoring.predictions(config, events, hashed, trainer)
                : ScorerEdges.impressions(hashed)
                .connect(ScorerEdges.modelVersions(trainer, p, "model-versions-to-scorers"))
                .transform("score", TypeInformation.of(Prediction.class),
                        new CtrScorerOperator(config.scoringMode(), config.publicationLagMillis(),
                                config.features().bits()))
                .uid("ctr-scorer").setParallelism(p);

        return new CtrStreams(predictions, trainer.getSideOutput(FtrlTrainerOperator.METRICS), deadLetters, trainer,
                trainer.getSideOutput(FtrlTrainerOperator.MODEL_FILES));
    }

    private static SingleOutputStreamOperator<CtrEvent> decode(CtrJobConfig config, DataStream<SourceRecord> records,
                                                               CtrCodecSpec codec, String name, boolean sourceTimed) {
        return records
                .process(new DecodeFunction(codec, config.allowedLatenessMillis(), config.speedup(), sourceTimed))
                .uid("decode-" + name).name("decode " + name).setParallelism(records.getParallelism());
    }

    private static DataStream<CtrEvent> withWatermarks(CtrJobConfig config, SingleOutputStreamOperator<CtrEvent> in,
                                                       String name) {
        return in.assignTimestampsAndWatermarks(BoundedLatenessWatermarks.strategy(
                        config.allowedLatenessMillis(), config.watermarkStepMillis(), CtrEvent::time))
                .uid("watermarks-" + name).name("event time " + name).setParallelism(in.getParallelism());
    }

    /** Keys every example by the model's name: one trainer, one writer. */
    static final class ModelKey implements KeySelector<Example, String> {
        private final String model;

        ModelKey(String model) {
            this.model = model;
        }

        @Override
        public String getKey(Example example) {
            return model;
        }
    }
}
