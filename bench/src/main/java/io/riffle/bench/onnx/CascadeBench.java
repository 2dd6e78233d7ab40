package io.riffle.bench.onnx;

import io.riffle.models.ctr.FtrlLogisticRegression;
import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.ctr.LogisticLoss;
import io.riffle.models.event.HashedImpression;
import io.riffle.models.event.Impression;
import io.riffle.models.features.FeatureHasher;
import io.riffle.models.features.FeatureSpace;
import io.riffle.models.features.FieldCross;
import io.riffle.models.metrics.RankingMetrics;
import io.riffle.models.onnx.Device;
import io.riffle.models.onnx.OnnxMapping;
import io.riffle.models.onnx.OnnxScorer;
import io.riffle.models.scoring.CascadeWindow;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code riffle bench cascade}: the window-based early-exit cascade ({@link CascadeWindow}) on a simulated click
 * stream with known ground truth. The cheap model is FTRL-Proximal learning online from the first impression
 * (test-then-train: each impression is scored, then learned from); the expensive model is the FinalMLP that
 * {@code finalmlp.py} trained in PyTorch on the stream's first {@code from} impressions. On the impressions after
 * those, it reports for each window: the share sent on to the expensive model, and the AUC and log loss of the
 * cascade, of the expensive model alone and of the cheap model alone, all on the same events.
 */
final class CascadeBench {
    /** The options of one run. */
    record Options(Path model, Path mapping, long seed, int impressions, int from, double threshold,
                   double[] halfWidths, List<FieldCross> cheapCrosses) {}

    private final Options options;
    private final PrintWriter out;

    CascadeBench(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    Map<String, Object> run() throws Exception {
        SimulatedClicks.Stream stream = SimulatedClicks.generate(options.impressions(), options.seed());
        List<Impression> events = stream.impressions();
        int from = options.from();
        int n = events.size() - from;
        if (n <= 0) {
            throw new IllegalArgumentException("--from " + from + " leaves no impressions of " + events.size());
        }
        int[] labels = new int[n];
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = events.get(from + i).label();
            truth[i] = stream.trueProbability()[from + i];
        }

        // Cheap: FTRL online over the whole stream, progressive predictions on the evaluated part.
        FeatureSpace space = new FeatureSpace(20, options.cheapCrosses(), 0);
        FeatureHasher hasher = new FeatureHasher(space);
        FtrlLogisticRegression ftrl = new FtrlLogisticRegression(FtrlParams.defaults(), space);
        double[] cheap = new double[n];
        long t0 = System.nanoTime();
        for (int i = 0; i < events.size(); i++) {
            HashedImpression h = hasher.hash(events.get(i));
            double p = ftrl.learn(h.hashes(), h.values(), h.hashes().length, h.label());
            if (i >= from) {
                cheap[i - from] = p;
            }
        }
        double cheapSeconds = (System.nanoTime() - t0) / 1e9;

        // Expensive: the PyTorch-made FinalMLP through ONNX Runtime, on every evaluated impression.
        double[] expensive = new double[n];
        t0 = System.nanoTime();
        try (OnnxScorer onnx = OnnxScorer.open(Files.readAllBytes(options.model()),
                OnnxMapping.read(options.mapping()), Device.AUTO, 1, 4096)) {
            for (int i = 0; i < n; i += 4096) {
                int count = Math.min(4096, n - i);
                onnx.score(events, from + i, count, expensive, i);
            }
        }
        double expensiveSeconds = (System.nanoTime() - t0) / 1e9;

        List<Map<String, Object>> rows = new ArrayList<>();
        out.printf("cascade on impressions %,d … %,d of the simulator (seed %d): cheap = FTRL online (crosses %s),"
                + " expensive = FinalMLP (PyTorch → ONNX); threshold %s%n", from, events.size() - 1, options.seed(),
                options.cheapCrosses(), options.threshold());
        out.printf("%-34s %8s %8s %10s %24s%n", "scorer", "sent on", "AUC", "log loss",
                "decisions = expensive's");
        rows.add(row("cheap only (FTRL online)", 0, cheap, labels, expensive));
        for (double w : options.halfWidths()) {
            CascadeWindow window = new CascadeWindow(options.threshold(), w);
            double[] cascade = new double[n];
            long sent = 0;
            for (int i = 0; i < n; i++) {
                boolean on = window.sendOn(cheap[i]);
                cascade[i] = on ? expensive[i] : cheap[i];
                sent += on ? 1 : 0;
            }
            rows.add(row(String.format("cascade, window ±%s", w), sent / (double) n, cascade, labels, expensive));
        }
        rows.add(row("expensive only (FinalMLP)", 1, expensive, labels, expensive));
        rows.add(row("ground truth (simulator p)", Double.NaN, truth, labels, expensive));

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("stream", Map.of("simulatorSeed", options.seed(), "impressions", events.size(), "evaluatedFrom", from,
                "evaluated", n, "clicks", java.util.Arrays.stream(labels).sum()));
        doc.put("threshold", options.threshold());
        doc.put("cheap", "FTRL-Proximal online, 2^20 weights, crosses " + options.cheapCrosses()
                + ", default hyperparameters; " + round(cheapSeconds) + " s for the whole stream");
        doc.put("expensive", options.model().toString() + "; " + round(expensiveSeconds) + " s for the evaluated"
                + " impressions");
        doc.put("rows", rows);
        return doc;
    }

    private Map<String, Object> row(String name, double share, double[] scores, int[] labels, double[] expensive) {
        double auc = RankingMetrics.auc(scores, labels);
        double loss = 0;
        long agree = 0;
        for (int i = 0; i < scores.length; i++) {
            loss += LogisticLoss.loss(scores[i], labels[i]);
            agree += (scores[i] >= options.threshold()) == (expensive[i] >= options.threshold()) ? 1 : 0;
        }
        loss /= scores.length;
        double agreement = agree / (double) scores.length;
        out.printf("%-34s %8s %8.4f %10.5f %24.4f%n", name, Double.isNaN(share) ? "" : String.format("%.1f%%",
                100 * share), auc, loss, agreement);
        out.flush();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scorer", name);
        row.put("sentOn", Double.isNaN(share) ? null : round(share));
        row.put("auc", round(auc));
        row.put("logLoss", Math.round(loss * 1e5) / 1e5);
        row.put("decisionsAgreeingWithExpensive", round(agreement));
        return row;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
