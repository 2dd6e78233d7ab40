package io.riffle.bench.onnx;

import io.riffle.models.event.Impression;
import io.riffle.models.sim.ClickSimulator;
import java.util.ArrayList;
import java.util.List;

/**
 * The click simulator's impressions as Riffle events, with their hidden labels and true click probabilities: the
 * stream of {@code riffle simulate ctr --seed S} (same rate, delays and start time as {@code ClickLogFile}), so a
 * model trained on that file meets the same world here.
 */
final class SimulatedClicks {
    static final long T0 = 1_700_000_000_000L;

    /** Impressions in time order, and the truth about each. */
    record Stream(List<Impression> impressions, double[] trueProbability) {
        int[] labels() {
            return impressions.stream().mapToInt(Impression::label).toArray();
        }
    }

    private SimulatedClicks() {}

    static Stream generate(int impressions, long seed) {
        List<Impression> out = new ArrayList<>(impressions);
        double[] truth = new double[impressions];
        new ClickSimulator(seed, 100, 30_000).generate(impressions, T0, e -> {
            if (e.impression()) {
                truth[out.size()] = e.trueProbability();
                out.add(new Impression(e.id(), e.time(), out.size(), e.fields(), e.values(), new String[] {"bid"},
                        new double[] {e.bid()}, e.label()));
            }
        });
        return new Stream(out, truth);
    }
}
