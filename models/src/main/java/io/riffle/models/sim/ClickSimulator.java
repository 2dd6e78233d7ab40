package io.riffle.models.sim;

import io.riffle.models.ctr.LogisticLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A seeded click-log simulator with a known ground-truth model, for the demo and tests where no real click log may be
 * redistributed.
 *
 * <p>Impressions arrive as a Poisson process; each has categorical fields drawn from Zipf-like distributions (site,
 * app, ad, device, os, hour, position) and a numeric bid. The true click probability is a logistic model:
 *
 * <pre>
 *   logit p = b + w_site + w_ad + w_device + w_position + w_hour + w_(site×ad) + c · bid
 * </pre>
 *
 * with weights drawn once from Gaussians (the site×ad interaction is what field crosses can learn). A click's label
 * event arrives after an exponential delay; non-clicks send nothing (they become negatives when the attribution window
 * closes). Because p is known, {@link Event#trueProbability()} gives the Bayes-optimal log loss to compare a learner
 * against.
 */
public final class ClickSimulator {
    /**
     * An impression or a label event, in time order. An impression's {@code label} is whether it will be clicked (the
     * hidden truth, for evaluation: a click log carries it only in the later label event).
     */
    public record Event(boolean impression, String id, long time, String[] fields, String[] values, double bid,
                        int label, double trueProbability) {}

    private static final String[] FIELDS = {"site", "app", "ad", "device", "os", "hour", "position"};
    private static final int[] CARDINALITY = {300, 120, 500, 5, 4, 24, 3};

    private final SplittableRandom random;
    private final double[][] weights = new double[FIELDS.length][];
    private final double[][] cross;
    private final double bias;
    private final double bidWeight;
    private final double eventsPerSecond;
    private final double meanLabelDelayMillis;

    /**
     * @param seed                 everything follows from it
     * @param eventsPerSecond      impression rate, in event time
     * @param meanLabelDelayMillis mean delay of a click's label event
     */
    public ClickSimulator(long seed, double eventsPerSecond, double meanLabelDelayMillis) {
        Random modelRandom = new Random(seed);
        this.random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        double[] scale = {0.8, 0.6, 0.9, 0.4, 0.2, 0.3, 0.7};
        for (int f = 0; f < FIELDS.length; f++) {
            weights[f] = new double[CARDINALITY[f]];
            for (int v = 0; v < CARDINALITY[f]; v++) {
                weights[f][v] = modelRandom.nextGaussian() * scale[f];
            }
        }
        cross = new double[30][50];
        for (double[] row : cross) {
            for (int j = 0; j < row.length; j++) {
                row[j] = modelRandom.nextGaussian() * 1.2;
            }
        }
        this.bias = -3.6;
        this.bidWeight = 1.5;
        this.eventsPerSecond = eventsPerSecond;
        this.meanLabelDelayMillis = meanLabelDelayMillis;
    }

    /** Field names of every impression. */
    public static List<String> fields() {
        return List.of(FIELDS);
    }

    /** Emits {@code impressions} impressions and their clicks' label events, merged in time order from {@code t0}. */
    public void generate(int impressions, long t0, Consumer<Event> sink) {
        PriorityQueue<Event> labels = new PriorityQueue<>((a, b) -> Long.compare(a.time(), b.time()));
        double time = t0;
        for (int i = 0; i < impressions; i++) {
            time += -Math.log(1 - random.nextDouble()) / eventsPerSecond * 1000.0;
            long t = (long) time;
            while (!labels.isEmpty() && labels.peek().time() <= t) {
                sink.accept(labels.poll());
            }
            Event impression = impression("i" + i, t, random.nextDouble());
            sink.accept(impression);
            if (impression.label() == 1) {
                long delay = (long) (-Math.log(1 - random.nextDouble()) * meanLabelDelayMillis);
                labels.add(new Event(false, impression.id(), t + 1 + delay, null, null, 0, 1,
                        impression.trueProbability()));
            }
        }
        while (!labels.isEmpty()) {
            sink.accept(labels.poll());
        }
    }

    private Event impression(String id, long time, double clickDraw) {
        String[] values = new String[FIELDS.length];
        int[] chosen = new int[FIELDS.length];
        double logit = bias;
        for (int f = 0; f < FIELDS.length; f++) {
            int v = f == 5 ? (int) ((time / 3_600_000L) % 24) : zipf(CARDINALITY[f]);
            chosen[f] = v;
            values[f] = FIELDS[f].charAt(0) + Integer.toString(v);
            logit += weights[f][v];
        }
        logit += cross[chosen[0] % 30][chosen[2] % 50];
        double bid = Math.round(random.nextDouble() * 100) / 100.0;
        logit += bidWeight * (bid - 0.5);
        double p = LogisticLoss.sigmoid(logit);
        return new Event(true, id, time, FIELDS.clone(), values, bid, clickDraw < p ? 1 : 0, p);
    }

    /** A value in [0, n) with probability proportional to 1/(rank+1): a few values are common, most rare. */
    private int zipf(int n) {
        double harmonic = Math.log(n) + 0.5772;
        double u = random.nextDouble() * harmonic;
        int v = (int) Math.floor(Math.exp(u - 0.5772)) - 1;
        return Math.max(0, Math.min(n - 1, v));
    }

    /** Collects a run into a list (small runs, tests). */
    public List<Event> generate(int impressions, long t0) {
        List<Event> out = new ArrayList<>();
        generate(impressions, t0, out::add);
        return out;
    }
}
