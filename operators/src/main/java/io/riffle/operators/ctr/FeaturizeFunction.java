package io.riffle.operators.ctr;

import io.riffle.models.event.CtrEvent;
import io.riffle.models.event.Example;
import io.riffle.models.event.LabelSource;
import io.riffle.models.event.HashedImpression;
import io.riffle.models.event.LabelEvent;
import io.riffle.models.event.Labels;
import io.riffle.models.features.FeatureHasher;
import io.riffle.models.features.FeatureSpace;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Hashes each impression's features once (for scorer and trainer alike) and routes events:
 *
 * <ul>
 *   <li>main output: every impression, to be scored;
 *   <li>{@link #EXAMPLES}: impressions that carry their label, learned from at their own time (Vowpal Wabbit's
 *       progressive validation), unless a label delay is set;
 *   <li>{@link #AWAITING_LABEL}: impressions that wait in the label join (only when the job has one);
 *   <li>{@link #LABELS}: label events, including those split from labelled rows at {@code t + labelDelay}.
 * </ul>
 */
public final class FeaturizeFunction extends ProcessFunction<CtrEvent, HashedImpression> {
    public static final OutputTag<Example> EXAMPLES = new OutputTag<>("examples",
            TypeInformation.of(Example.class));
    public static final OutputTag<HashedImpression> AWAITING_LABEL = new OutputTag<>("awaiting-label",
            TypeInformation.of(HashedImpression.class));
    public static final OutputTag<LabelEvent> LABELS = new OutputTag<>("labels",
            TypeInformation.of(LabelEvent.class));

    private final FeatureSpace space;
    private final boolean joinLabels;
    private final long labelDelayMillis;
    private transient FeatureHasher hasher;

    /**
     * @param joinLabels       whether unlabelled impressions wait for label events
     * @param labelDelayMillis if &ge; 0, split labelled rows into an impression and a label event this much later;
     *                         -1 to learn from them at once
     */
    public FeaturizeFunction(FeatureSpace space, boolean joinLabels, long labelDelayMillis) {
        this.space = space;
        this.joinLabels = joinLabels;
        this.labelDelayMillis = labelDelayMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        hasher = new FeatureHasher(space);
    }

    @Override
    public void processElement(CtrEvent event, Context ctx, Collector<HashedImpression> out) {
        if (event.label() != null) {
            ctx.output(LABELS, event.label());
            return;
        }
        HashedImpression hashed = hasher.hash(event.impression());
        int label = hashed.label();
        if (Labels.isKnown(label) && labelDelayMillis >= 0) {
            HashedImpression unlabelled = new HashedImpression(hashed.id(), hashed.time(), hashed.seq(),
                    hashed.hashes(), hashed.values(), Labels.NONE);
            out.collect(unlabelled);
            ctx.output(AWAITING_LABEL, unlabelled);
            ctx.output(LABELS, new LabelEvent(hashed.id(), hashed.time() + labelDelayMillis, hashed.seq(), label));
            return;
        }
        out.collect(hashed);
        if (Labels.isKnown(label)) {
            ctx.output(EXAMPLES, Example.of(hashed, hashed.time(), label, LabelSource.ROW));
        } else if (joinLabels) {
            ctx.output(AWAITING_LABEL, hashed);
        }
    }
}
