package io.riffle.bench.graph;

import io.riffle.models.graph.AttentionConfig;
import io.riffle.models.graph.EvaluationConfig;
import io.riffle.models.graph.InMemoryNodeStore;
import io.riffle.models.graph.Interaction;
import io.riffle.models.graph.LinkEvaluation;
import io.riffle.models.graph.LinkScorer;
import io.riffle.models.graph.LinkScores;
import io.riffle.models.graph.NegativeSamplingConfig;
import io.riffle.models.graph.NodeStore;
import io.riffle.models.graph.PresConfig;
import io.riffle.models.graph.SerializedNodeStore;
import io.riffle.models.graph.TemporalGraphLearner;
import io.riffle.models.graph.TgnConfig;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Quality and throughput of the temporal graph learner on real interaction streams (SNAP CollegeMsg and
 * email-Eu-core-temporal): prequential AP/AUC (one random negative per positive) and MRR (K sampled negatives) of the
 * TGN memory model against EdgeBank, recency, popularity and common neighbours scored in the same pass; AP against
 * the temporal batch size with and without the PRES correction; and single-core events/s of the bare loop
 * (sequential, micro-batched, and with node states serialized to bytes and back per event).
 *
 * <pre>
 * java -cp … io.riffle.bench.graph.GraphBench [--data ../shared/data] [--datasets collegemsg,email]
 *      [--experiments quality,batch,throughput] [--limit 100000] [--full] [--quick] [--mrr 20]
 *      [--batch-sizes 1,10,100,200,500,1000] [--batch-datasets collegemsg] [--batch-lr sqrt|fixed]
 *      [--pres-gamma 0.9] [--batch 1] [--throughput-events 50000] [--micro-batch 200] [--dim 100] [--lr 0.0003]
 *      [--negatives 1]
 *      [--historical 0.0] [--no-features] [--attention K] [--neighbours 512] [--seed 0] [--out results.json]
 * </pre>
 *
 * By default each stream is replayed up to its first 100 000 interactions (all of CollegeMsg, a third of email; a
 * few minutes in all on one core); {@code --full} replays the streams in full (about ten minutes), {@code --quick}
 * only the first 30 000 interactions with batch sizes 1, 100, 1000. The neighbour tables hold 512 distinct
 * neighbours so that EdgeBank is exact ("unlimited") on both sets; the evictions count shows it.
 *
 * <p>Timings use one thread and the wall clock of this benchmark only (the learner never reads it).
 */
public final class GraphBench {
    private static final Map<String, String> FILES = Map.of(
            "collegemsg", "snap-collegemsg/CollegeMsg.txt.gz",
            "email", "snap-email-eu-core-temporal/email-Eu-core-temporal.txt.gz");

    private final Map<String, String> options;
    private final Map<String, Object> json = new LinkedHashMap<>();

    GraphBench(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String key = a.substring(2);
            if (key.equals("no-features") || key.equals("help") || key.equals("quick") || key.equals("full")) {
                options.put(key, "true");
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + key + " needs a value");
                }
                options.put(key, args[++i]);
            }
        }
        if (options.remove("full") != null) {
            options.putIfAbsent("limit", "0");
        }
        if (options.remove("quick") != null) {
            options.putIfAbsent("limit", "30000");
            options.putIfAbsent("batch-sizes", "1,100,1000");
            options.putIfAbsent("throughput-events", "20000");
        }
        if (options.containsKey("help")) {
            System.out.println("see the GraphBench class comment for options");
            return;
        }
        new GraphBench(options).run();
    }

    /**
     * Runs the experiments {@code options} name (the keys of the command line above, without dashes) and returns the
     * figures as a JSON-ready map; the streams loaded are kept in {@code streams} for the caller.
     */
    static Map<String, Object> run(Map<String, String> options, Map<String, List<Interaction>> streams)
            throws Exception {
        GraphBench bench = new GraphBench(options);
        bench.run(streams);
        return bench.json;
    }

    private String opt(String key, String def) {
        return options.getOrDefault(key, def);
    }

    TgnConfig baseConfig() {
        int dim = Integer.parseInt(opt("dim", "100"));
        TgnConfig c = TgnConfig.defaults().withDimensions(dim, Integer.parseInt(opt("time-dim", "" + dim)),
                        Integer.parseInt(opt("hidden", "" + dim)))
                .withOptimizer(TgnConfig.defaults().optimizer().withLearningRate(Double.parseDouble(opt("lr",
                        "" + TgnConfig.defaults().optimizer().learningRate()))))
                .withNegatives(new NegativeSamplingConfig(Integer.parseInt(opt("negatives", "1")),
                        Double.parseDouble(opt("historical", "0.0"))))
                .withNeighbourCapacity(Integer.parseInt(opt("neighbours", "512")))
                .withSeed(Long.parseLong(opt("seed", "0")));
        if (options.containsKey("no-features")) {
            c = c.withBaselineFeatures(false);
        }
        if (options.containsKey("attention")) {
            c = c.withAttention(AttentionConfig.enabled(Integer.parseInt(opt("attention", "10")), dim));
        }
        if (options.containsKey("pres-gamma")) {
            c = c.withPres(PresConfig.enabled(Double.parseDouble(opt("pres-gamma", "0.9"))));
        }
        return c;
    }

    private void run() throws Exception {
        run(new LinkedHashMap<>());
    }

    private void run(Map<String, List<Interaction>> streams) throws Exception {
        Path data = Path.of(opt("data", "../shared/data"));
        List<String> datasets = List.of(opt("datasets", "collegemsg,email").split(","));
        List<String> experiments = List.of(opt("experiments", "quality,batch,throughput").split(","));
        int limit = Integer.parseInt(opt("limit", "100000"));
        TgnConfig base = baseConfig();
        json.put("config", base.toString());
        json.put("options", options);
        for (String name : datasets) {
            String file = FILES.get(name);
            if (file == null) {
                throw new IllegalArgumentException("unknown data set " + name + "; known: " + FILES.keySet());
            }
            List<Interaction> events = GraphData.load(data.resolve(file), limit);
            streams.put(name, events);
            System.out.printf(Locale.ROOT, "%s: %d interactions%n", name, events.size());
        }
        if (experiments.contains("quality")) {
            quality(streams, base);
        }
        if (experiments.contains("batch")) {
            batchSizes(streams, base);
        }
        if (experiments.contains("throughput")) {
            throughput(streams, base);
        }
        String out = options.get("out");
        if (out != null) {
            try (Writer w = Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8)) {
                w.write(Json.write(json));
                w.write('\n');
            }
            System.out.println("wrote " + out);
        }
    }

    // ------------------------------------------------------------------------------------------------ quality

    private void quality(Map<String, List<Interaction>> streams, TgnConfig base) {
        int mrr = Integer.parseInt(opt("mrr", "20"));
        int batch = Integer.parseInt(opt("batch", "1"));
        Map<String, Object> section = new LinkedHashMap<>();
        for (var entry : streams.entrySet()) {
            TgnConfig cfg = base.withEvaluation(EvaluationConfig.withMrr(mrr));
            Result r = replay(entry.getValue(), cfg, batch, new InMemoryNodeStore());
            System.out.printf(Locale.ROOT, "%n== quality: %s, %d interactions, batch %d, d=%d, MRR vs %d negatives "
                            + "(%.1f s, %.0f events/s with evaluation) ==%n", entry.getKey(), entry.getValue().size(),
                    batch, cfg.memoryDim(), mrr, r.seconds, r.eventsPerSecond());
            System.out.printf(Locale.ROOT, "%-18s %8s %8s %8s%n", "scorer", "AP", "AUC", "MRR");
            Map<String, Object> rows = new LinkedHashMap<>();
            for (LinkScorer s : LinkScorer.values()) {
                double ap = r.eval.averagePrecision(s);
                double auc = r.eval.auc(s);
                double m = r.eval.mrr(s);
                System.out.printf(Locale.ROOT, "%-18s %8.4f %8.4f %8.4f%n", s.label(), ap, auc, m);
                rows.put(s.label(), Map.of("ap", ap, "auc", auc, "mrr", m));
            }
            double bestBaseline = 0;
            String best = "";
            for (LinkScorer s : LinkScorer.values()) {
                if (s != LinkScorer.MODEL && r.eval.averagePrecision(s) > bestBaseline) {
                    bestBaseline = r.eval.averagePrecision(s);
                    best = s.label();
                }
            }
            double margin = r.eval.averagePrecision(LinkScorer.MODEL) - bestBaseline;
            System.out.printf(Locale.ROOT, "model AP − best baseline AP (%s) = %+.4f; neighbour-table evictions: %d%n",
                    best, margin, r.evictions);
            Map<String, Object> ds = new LinkedHashMap<>();
            ds.put("interactions", entry.getValue().size());
            ds.put("batch", batch);
            ds.put("scorers", rows);
            ds.put("apMarginOverBestBaseline", margin);
            ds.put("bestBaseline", best);
            ds.put("seconds", r.seconds);
            ds.put("neighbourEvictions", r.evictions);
            ds.put("apPairs", r.eval.apPairs());
            ds.put("mrrQueries", r.eval.mrrQueries());
            section.put(entry.getKey(), ds);
        }
        json.put("quality", section);
    }

    // ------------------------------------------------------------------------------------------------ batch size

    private void batchSizes(Map<String, List<Interaction>> streams, TgnConfig base) {
        List<String> which = List.of(opt("batch-datasets", "collegemsg").split(","));
        String[] sizes = opt("batch-sizes", "1,10,100,200,500,1000").split(",");
        double gamma = Double.parseDouble(opt("pres-gamma", "0.9"));
        Map<String, Object> section = new LinkedHashMap<>();
        for (var entry : streams.entrySet()) {
            if (!which.contains(entry.getKey())) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%n== AP against temporal batch size: %s (AP/AUC negatives only; learning "
                    + "rate %s) ==%n", entry.getKey(), opt("batch-lr", "sqrt").equals("fixed") ? "fixed"
                    : "α·√B, at most 0.01");
            System.out.printf(Locale.ROOT, "%6s %9s %10s %10s %10s %10s %12s %10s%n", "batch", "lr", "AP", "AP+PRES",
                    "AUC", "AUC+PRES", "recency AP", "s/run");
            List<Object> rows = new ArrayList<>();
            boolean scaleLr = !opt("batch-lr", "sqrt").equals("fixed");
            for (String sz : sizes) {
                int b = Integer.parseInt(sz.trim());
                double base1 = base.optimizer().learningRate();
                double lr = scaleLr ? Math.max(base1, Math.min(base1 * Math.sqrt(b), 0.01)) : base1;
                TgnConfig plain = base.withEvaluation(EvaluationConfig.defaults()).withPres(PresConfig.disabled())
                        .withOptimizer(base.optimizer().withLearningRate(lr));
                TgnConfig pres = plain.withPres(PresConfig.enabled(gamma));
                Result r0 = replay(entry.getValue(), plain, b, new InMemoryNodeStore());
                Result r1 = replay(entry.getValue(), pres, b, new InMemoryNodeStore());
                double ap0 = r0.eval.averagePrecision(LinkScorer.MODEL);
                double ap1 = r1.eval.averagePrecision(LinkScorer.MODEL);
                double auc0 = r0.eval.auc(LinkScorer.MODEL);
                double auc1 = r1.eval.auc(LinkScorer.MODEL);
                double rec = r0.eval.averagePrecision(LinkScorer.RECENCY);
                System.out.printf(Locale.ROOT, "%6d %9.2g %10.4f %10.4f %10.4f %10.4f %12.4f %10.1f%n", b, lr, ap0,
                        ap1, auc0, auc1, rec, r0.seconds);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("batch", b);
                row.put("learningRate", lr);
                row.put("ap", ap0);
                row.put("apPres", ap1);
                row.put("auc", auc0);
                row.put("aucPres", auc1);
                row.put("recencyAp", rec);
                row.put("seconds", r0.seconds);
                row.put("secondsPres", r1.seconds);
                rows.add(row);
            }
            section.put(entry.getKey(), rows);
        }
        json.put("batchSize", section);
    }

    // ------------------------------------------------------------------------------------------------ throughput

    private void throughput(Map<String, List<Interaction>> streams, TgnConfig base) {
        String name = opt("throughput-dataset", streams.containsKey("email") ? "email" : streams.keySet().iterator()
                .next());
        List<Interaction> events = streams.get(name);
        int n = Math.min(events.size(), Integer.parseInt(opt("throughput-events", "50000")));
        List<Interaction> slice = events.subList(0, n);
        int microBatch = Integer.parseInt(opt("micro-batch", "200"));
        TgnConfig cfg = base.withEvaluation(EvaluationConfig.none());
        System.out.printf(Locale.ROOT, "%n== throughput: %s, first %d interactions, one thread, d=%d, %d training "
                        + "negative(s), evaluation off ==%n", name, n, cfg.memoryDim(), cfg.negatives().count());
        System.out.printf(Locale.ROOT, "%-40s %12s %14s%n", "loop", "events/s", "µs/event");
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("dataset", name);
        section.put("events", n);
        // warm up the JIT on a separate learner
        replay(events.subList(0, Math.min(n, 20000)), cfg, 1, new InMemoryNodeStore());
        replay(events.subList(0, Math.min(n, 20000)), cfg, microBatch, new InMemoryNodeStore());
        Object[][] cases = {
                {"sequential, in-memory states", 1, false},
                {"micro-batch " + microBatch + ", in-memory states", microBatch, false},
                {"sequential, states as bytes per event", 1, true},
                {"micro-batch " + microBatch + ", states as bytes", microBatch, true},
        };
        for (Object[] c : cases) {
            String label = (String) c[0];
            int b = (Integer) c[1];
            boolean bytes = (Boolean) c[2];
            SerializedNodeStore ser = bytes ? new SerializedNodeStore() : null;
            NodeStore store = bytes ? ser : new InMemoryNodeStore();
            Result r = replay(slice, cfg, b, store);
            System.out.printf(Locale.ROOT, "%-40s %12.0f %14.1f%n", label, r.eventsPerSecond(),
                    1e6 / r.eventsPerSecond());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("batch", b);
            row.put("serialized", bytes);
            row.put("eventsPerSecond", r.eventsPerSecond());
            if (bytes) {
                row.put("meanBytesPerNode", (double) ser.storedBytes() / ser.size());
                row.put("meanBytesPerWrite", (double) ser.bytesWritten() / ser.writes());
                System.out.printf(Locale.ROOT, "%40s mean record %.0f bytes (%d nodes), mean write %.0f bytes%n", "",
                        (double) ser.storedBytes() / ser.size(), ser.size(),
                        (double) ser.bytesWritten() / ser.writes());
            }
            section.put(label, row);
        }
        json.put("throughput", section);
    }

    // ------------------------------------------------------------------------------------------------ replay

    record Result(LinkEvaluation eval, double seconds, int events, long evictions) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    static Result replay(List<Interaction> events, TgnConfig cfg, int batch, NodeStore store) {
        TemporalGraphLearner learner = new TemporalGraphLearner(cfg, store);
        LinkEvaluation eval = new LinkEvaluation();
        Interaction[] buf = new Interaction[batch];
        LinkScores[] outs = new LinkScores[batch];
        for (int i = 0; i < batch; i++) {
            outs[i] = learner.newScores();
        }
        long start = System.nanoTime();
        int i = 0;
        while (i < events.size()) {
            int n = Math.min(batch, events.size() - i);
            for (int k = 0; k < n; k++) {
                buf[k] = events.get(i + k);
            }
            learner.learnBatch(buf, n, outs);
            for (int k = 0; k < n; k++) {
                eval.add(outs[k]);
            }
            i += n;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(eval, seconds, events.size(), learner.neighbourEvictions());
    }
}
