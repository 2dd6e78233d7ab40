package io.riffle.operators.onnx;

import io.riffle.models.event.CtrEvent;
import io.riffle.models.event.Impression;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Passes the impressions of a decoded CTR stream on, as raw impressions for a model that maps their fields. */
public final class ImpressionsOnly extends ProcessFunction<CtrEvent, Impression> {
    @Override
    public void processElement(CtrEvent event, Context ctx, Collector<Impression> out) {
        if (event.impression() != null) {
            out.collect(event.impression());
        }
    }
}
