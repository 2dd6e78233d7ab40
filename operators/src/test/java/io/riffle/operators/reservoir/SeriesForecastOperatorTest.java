package io.riffle.operators.reservoir;

import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.connectors.reservoir.SeriesJsonLines;
import io.riffle.connectors.sink.JsonLines;
import io.riffle.connectors.sink.LineEncoder;
import io.riffle.models.event.DeadLetter;
import io.riffle.models.event.SourcePosition;
import io.riffle.models.reservoir.EsnSpec;
import io.riffle.models.reservoir.event.ScoreSums;
import io.riffle.models.reservoir.event.SeriesForecast;
import io.riffle.models.reservoir.event.SeriesMetrics;
import io.riffle.models.reservoir.event.SeriesPoint;
import io.riffle.models.reservoir.event.SeriesReport;
import io.riffle.models.reservoir.forecast.ForecasterConfig;
import io.riffle.models.reservoir.forecast.PrequentialForecaster;
import io.riffle.models.reservoir.forecast.SeriesKey;
import io.riffle.models.series.MackeyGlass;
import io.riffle.operators.common.DeadLetters;
import io.riffle.operators.common.SourceNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The forecasting operator on RocksDB keyed state, driven by watermarks: event-time order per key whatever the
 * arrival order, refused points, reports, TTL, and snapshot → restore → continue equal to an uninterrupted run.
 */
class SeriesForecastOperatorTest {
    static final int[] HORIZONS = {1, 4};
    static final ForecasterConfig CONFIG = ForecasterConfig.defaults()
            .withReservoir(EsnSpec.defaults().withUnits(20)).withHorizon(4).withWashout(10, 5);
    static final SourceNames SOURCES = new SourceNames(List.of("in.jsonl"));
    static final double[] MG = MackeyGlass.reservoirPy().generate(400, 2);
    static final LineEncoder<SeriesForecast> FORECASTS = SeriesJsonLines.forecasts(HORIZONS);
    static final LineEncoder<SeriesReport> REPORTS = SeriesJsonLines.reports(HORIZONS);

    /** A cache of 0 bytes keeps only the key at hand: every other key goes through RocksDB. */
    static ForecastSettings settings(long interval, long ttl, int maxKeys) {
        return settings(interval, ttl, maxKeys, 0);
    }

    static ForecastSettings settings(long interval, long ttl, int maxKeys, long cacheBytes) {
        return ForecastSettings.of(CONFIG, HORIZONS, interval, ttl, maxKeys, cacheBytes, SOURCES);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, SeriesForecast> open(ForecastSettings s,
            OperatorSubtaskState state) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new SeriesForecastOperator(s), SeriesPoint::key,
                Types.STRING, 1, 1, 0);
        h.setStateBackend(new EmbeddedRocksDBStateBackend(true));
        h.setup();
        if (state != null) {
            h.initializeState(state);
        }
        h.open();
        return h;
    }

    static long line = 0;

    static SeriesPoint point(String key, long time, double... values) {
        return SeriesPoint.of(key, time, SourcePosition.pack(0, ++line), values);
    }

    /** Points of two keys, 10 ms apart, each key's value from Mackey-Glass (offset by key). */
    static List<SeriesPoint> series(int n) {
        List<SeriesPoint> out = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            out.add(point("a", 10L * t, MG[t]));
            out.add(point("b", 10L * t, MG[t + 50] * 3 + 1));
        }
        return out;
    }

    /** Shuffles within blocks of {@code block} records: out of order by at most the block's time span. */
    static List<SeriesPoint> shuffledWithin(List<SeriesPoint> in, int block, long seed) {
        Random r = new Random(seed);
        List<SeriesPoint> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i += block) {
            List<SeriesPoint> b = new ArrayList<>(in.subList(i, Math.min(in.size(), i + block)));
            Collections.shuffle(b, r);
            out.addAll(b);
        }
        return out;
    }

    /** Feeds points with a bounded-lateness watermark after each one, as the job's watermark generator would. */
    static void feed(KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, SeriesForecast> h,
                     List<SeriesPoint> points, long lateness) throws Exception {
        long max = Long.MIN_VALUE;
        for (SeriesPoint p : points) {
            h.processElement(new StreamRecord<>(p, p.time()));
            max = Math.max(max, p.time());
            h.processWatermark(new Watermark(max - lateness - 1));
        }
    }

    static List<String> forecasts(KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, SeriesForecast> h) {
        return h.extractOutputValues().stream().map(f -> encode(FORECASTS, f)).toList();
    }

    static List<String> reports(KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, SeriesForecast> h) {
        var q = h.getSideOutput(SeriesForecastOperator.REPORTS);
        return q == null ? List.of() : q.stream().map(r -> encode(REPORTS, r.getValue())).toList();
    }

    static List<DeadLetter> deadLetters(KeyedOneInputStreamOperatorTestHarness<String, SeriesPoint, SeriesForecast> h) {
        var q = h.getSideOutput(DeadLetters.TAG);
        return q == null ? List.of() : q.stream().map(StreamRecord::getValue).toList();
    }

    static <T> String encode(LineEncoder<T> e, T value) {
        StringBuilder s = new StringBuilder();
        e.encode(value, s);
        return s.toString();
    }

    @Test
    void learnsEachKeyInEventTimeOrderWhateverTheArrivalOrder() throws Exception {
        List<SeriesPoint> ordered = series(150);
        List<SeriesPoint> shuffled = shuffledWithin(ordered, 8, 3);
        List<String> got;
        try (var h = open(settings(1000, 0, 100), null)) {
            feed(h, shuffled, 40); // blocks of 8 records span 30 ms: within a lateness of 40 ms
            h.processWatermark(Watermark.MAX_WATERMARK);
            got = forecasts(h);
            assertThat(deadLetters(h)).isEmpty();
        }
        // reference: each key learned alone, in time order, by the model itself
        PrequentialForecaster f = new PrequentialForecaster(CONFIG, HORIZONS, 1);
        SeriesKey a = f.newKey();
        SeriesKey b = f.newKey();
        List<String> expected = new ArrayList<>();
        for (SeriesPoint p : ordered) {
            SeriesKey k = p.key().equals("a") ? a : b;
            double[] out = new double[2];
            boolean warm = f.step(k, p.values(), out);
            expected.add(encode(FORECASTS, new SeriesForecast(p.key(), p.time(), p.seq(), k.version(), warm, 1, out)));
        }
        // released in (time, key) order: the same lines, in the same order as the ordered input
        assertThat(got).containsExactlyElementsOf(expected);
    }

    @Test
    void refusesDuplicatesLatecomersOtherDimensionsAndKeysBeyondTheLimit() throws Exception {
        try (var h = open(settings(1000, 0, 2), null)) {
            h.processElement(new StreamRecord<>(point("a", 100, 1.0), 100));
            SeriesPoint duplicate = point("a", 100, 2.0);
            h.processElement(new StreamRecord<>(duplicate, 100)); // duplicate, still waiting
            h.processElement(new StreamRecord<>(point("a", 110, 1.0, 2.0), 110)); // other dimension
            h.processElement(new StreamRecord<>(point("b", 105, 1.0), 105));
            h.processElement(new StreamRecord<>(point("c", 105, 1.0), 105)); // a third key: over the limit
            h.processWatermark(new Watermark(200));
            h.processElement(new StreamRecord<>(point("a", 100, 3.0), 100)); // duplicate of a learned point
            h.processElement(new StreamRecord<>(point("a", 90, 3.0), 90)); // behind the key's last point
            h.processElement(new StreamRecord<>(SeriesPoint.deadLetter(DeadLetter.of("point", "in.jsonl", -1, 99,
                    "not valid JSON", "{")), Long.MIN_VALUE));
            h.processWatermark(Watermark.MAX_WATERMARK);
            assertThat(h.extractOutputValues()).extracting(SeriesForecast::key).containsExactly("a", "b");
            List<DeadLetter> dead = deadLetters(h);
            assertThat(dead).extracting(DeadLetter::reason).satisfiesExactly(
                    r -> assertThat(r).startsWith("duplicate: key 'a' already has a point at time 100"),
                    r -> assertThat(r).contains("has 1 value(s) per point, this point has 2"),
                    r -> assertThat(r).startsWith("key limit: 2 keys hold state (--max-keys 2)"),
                    r -> assertThat(r).startsWith("duplicate"),
                    r -> assertThat(r).startsWith("out of order: key 'a' has already learned from a point at 100"),
                    r -> assertThat(r).isEqualTo("not valid JSON"));
            assertThat(dead.get(0).payload()).isEqualTo("{\"key\":\"a\",\"time\":100,\"value\":2.0}");
            assertThat(dead.get(0).position()).isEqualTo(SourcePosition.position(duplicate.seq()));
            assertThat(dead.get(0).source()).isEqualTo("in.jsonl");
            assertThat(dead.get(1).payload()).contains("\"values\":[1.0,2.0]");
        }
    }

    @Test
    void reportsEachKeyAsOfEveryBoundaryItLearnedIn() throws Exception {
        try (var h = open(settings(100, 0, 10), null)) {
            List<SeriesPoint> pts = series(40); // times 0..390
            feed(h, pts, 0);
            h.processWatermark(Watermark.MAX_WATERMARK);
            List<SeriesReport> reports = h.getSideOutput(SeriesForecastOperator.REPORTS).stream()
                    .map(StreamRecord::getValue).toList();
            // boundaries 0, 100, 200, 300, 400 for each key, each once; the first one flagged
            assertThat(reports).extracting(r -> r.key() + "@" + r.asOf()).containsExactly("a@0", "b@0", "a@100",
                    "b@100", "a@200", "b@200", "a@300", "b@300", "a@400", "b@400");
            assertThat(reports).filteredOn(SeriesReport::first).extracting(SeriesReport::asOf).containsOnly(0L);
            SeriesReport last = reports.get(8);
            assertThat(last.version()).isEqualTo(40);
            assertThat(last.lastTime()).isEqualTo(390);
            long points = reports.stream().filter(r -> r.key().equals("a")).mapToLong(r -> r.increment().points())
                    .sum();
            assertThat(points).isEqualTo(40);
            assertThat(reports).noneMatch(SeriesReport::expired);
        }
    }

    @Test
    void aKeyWithoutPointsForItsTtlIsDroppedAndStartsAfreshLater() throws Exception {
        try (var h = open(settings(100, 500, 10), null)) {
            List<SeriesPoint> first = new ArrayList<>();
            for (int t = 0; t < 20; t++) {
                first.add(point("a", 10L * t, MG[t]));
                first.add(point("b", 10L * t, MG[t + 7]));
            }
            feed(h, first, 0);
            // only b goes on: a's last point was at 190, so it expires at 690
            List<SeriesPoint> more = new ArrayList<>();
            for (int t = 20; t < 80; t++) {
                more.add(point("b", 10L * t, MG[t + 7]));
            }
            feed(h, more, 0);
            SeriesForecastOperator op = (SeriesForecastOperator) h.getOneInputOperator();
            assertThat(op.liveKeys()).isEqualTo(1);
            try (var keys = op.<String>getKeyedStateBackend().getKeys("reservoir-model", VoidNamespace.INSTANCE)) {
                assertThat(keys).as("only b has a model left").containsExactly("b");
            }
            h.processElement(new StreamRecord<>(point("a", 800, 0.5), 800));
            h.processWatermark(Watermark.MAX_WATERMARK);
            List<SeriesReport> a = h.getSideOutput(SeriesForecastOperator.REPORTS).stream()
                    .map(StreamRecord::getValue).filter(r -> r.key().equals("a")).toList();
            assertThat(a).extracting(r -> r.asOf() + (r.expired() ? " expired" : "") + (r.first() ? " first" : ""))
                    .containsExactly("0 first", "100", "200", "700 expired", "800 first");
            SeriesForecast restarted = h.extractOutputValues().stream().filter(f -> f.key().equals("a"))
                    .reduce((x, y) -> y).orElseThrow();
            assertThat(restarted.modelVersion()).isEqualTo(1);
            // the input ended at 800: b (last point 790) does not expire at the end of input
            assertThat(h.getSideOutput(SeriesForecastOperator.REPORTS).stream().map(StreamRecord::getValue)
                    .filter(r -> r.key().equals("b"))).noneMatch(SeriesReport::expired);
        }
    }

    @Test
    void snapshotRestoreAndContinueEqualsAnUninterruptedRun() throws Exception {
        List<SeriesPoint> input = shuffledWithin(series(200), 6, 11);
        ForecastSettings s = settings(300, 700, 10);
        List<String> fullForecasts;
        List<String> fullReports;
        try (var h = open(s, null)) {
            feed(h, input, 30);
            h.processWatermark(Watermark.MAX_WATERMARK);
            fullForecasts = forecasts(h);
            fullReports = reports(h);
        }
        List<String> forecasts = new ArrayList<>();
        List<String> reports = new ArrayList<>();
        OperatorSubtaskState snapshot;
        int cut = 211; // points are waiting and reports are due when the snapshot is taken
        try (var h = open(s, null)) {
            feed(h, input.subList(0, cut), 30);
            snapshot = h.snapshot(1, 1);
            forecasts.addAll(forecasts(h));
            reports.addAll(reports(h));
        }
        long max = input.subList(0, cut).stream().mapToLong(SeriesPoint::time).max().orElseThrow();
        try (var h = open(s, snapshot)) {
            assertThat(((SeriesForecastOperator) h.getOneInputOperator()).liveKeys()).isEqualTo(2);
            for (SeriesPoint p : input.subList(cut, input.size())) {
                h.processElement(new StreamRecord<>(p, p.time()));
                max = Math.max(max, p.time());
                h.processWatermark(new Watermark(max - 31));
            }
            h.processWatermark(Watermark.MAX_WATERMARK);
            forecasts.addAll(forecasts(h));
            reports.addAll(reports(h));
        }
        assertThat(forecasts).containsExactlyElementsOf(fullForecasts);
        assertThat(reports).containsExactlyElementsOf(fullReports);
    }

    @Test
    void theStateCacheChangesNothingButTheStateRoundTrips() throws Exception {
        List<SeriesPoint> input = shuffledWithin(series(150), 6, 5);
        List<List<String>> outputs = new ArrayList<>();
        // no cache; room for about one key (every switch evicts); every key cached
        for (long budget : new long[] {0, 6000, 64L << 20}) {
            try (var h = open(settings(300, 700, 10, budget), null)) {
                feed(h, input.subList(0, 150), 30);
                OperatorSubtaskState snapshot = h.snapshot(1, 1);
                List<String> out = new ArrayList<>(forecasts(h));
                out.addAll(reports(h));
                try (var r = open(settings(300, 700, 10, budget), snapshot)) {
                    long max = input.subList(0, 150).stream().mapToLong(SeriesPoint::time).max().orElseThrow();
                    for (SeriesPoint p : input.subList(150, input.size())) {
                        r.processElement(new StreamRecord<>(p, p.time()));
                        max = Math.max(max, p.time());
                        r.processWatermark(new Watermark(max - 31));
                    }
                    r.processWatermark(Watermark.MAX_WATERMARK);
                    out.addAll(forecasts(r));
                    out.addAll(reports(r));
                }
                outputs.add(out);
            }
        }
        assertThat(outputs.get(1)).containsExactlyElementsOf(outputs.get(0));
        assertThat(outputs.get(2)).containsExactlyElementsOf(outputs.get(0));
    }

    @Test
    void metricsAddTheKeysReportsUpAtEachBoundary() throws Exception {
        SeriesMetricsFunction fn = new SeriesMetricsFunction(2);
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(fn), SeriesMetricsFunction.ONE_KEY,
                Types.STRING)) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend(true));
            h.open();
            // a key with 8 and 5 forecasts scored, NRMSE² 0.25 and 0.4, persistence's 1 and 4
            ScoreSums one = new ScoreSums(10, new long[] {8, 5}, new double[] {8, 5}, new double[] {2, 2},
                    new double[] {8, 20}, new long[2]);
            h.processElement(new StreamRecord<>(report("a", 100, true, false, one), 100));
            h.processElement(new StreamRecord<>(report("b", 200, true, false, one), 200));
            h.processElement(new StreamRecord<>(report("b", 100, true, false, one), 100));
            h.processWatermark(new Watermark(150));
            OperatorSubtaskState snapshot = h.snapshot(1, 1);
            List<SeriesMetrics> before = h.extractOutputValues();
            assertThat(before).hasSize(1);
            assertThat(before.get(0).keys()).isEqualTo(2);
            assertThat(before.get(0).totals().points()).isEqualTo(20);
            assertThat(before.get(0).totals().nrmse(0)).isEqualTo(0.5);
            assertThat(before.get(0).totals().persistenceNrmse(1)).isEqualTo(2.0);
            try (var r = new KeyedOneInputStreamOperatorTestHarness<>(
                    new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(new SeriesMetricsFunction(2)),
                    SeriesMetricsFunction.ONE_KEY, Types.STRING)) {
                r.setStateBackend(new EmbeddedRocksDBStateBackend(true));
                r.initializeState(snapshot);
                r.open();
                r.processElement(new StreamRecord<>(report("a", 200, false, true, one), 200));
                r.processWatermark(Watermark.MAX_WATERMARK);
                SeriesMetrics last = r.extractOutputValues().get(0);
                assertThat(last.asOf()).isEqualTo(200);
                assertThat(last.keys()).isEqualTo(3);
                assertThat(last.liveKeys()).isEqualTo(2);
                assertThat(last.totals().points()).isEqualTo(40);
                assertThat(last.totals().count()).containsExactly(32, 20);
            }
        }
    }

    static SeriesReport report(String key, long asOf, boolean first, boolean expired, ScoreSums inc) {
        return new SeriesReport(key, asOf, 1, asOf, 1, first, expired, 1, new double[2], new double[2], inc);
    }

    @Test
    void encodersWriteTheDocumentedLines() {
        assertThat(encode(FORECASTS, new SeriesForecast("s-7", 5, 1, 12, true, 1, new double[] {0.5, Double.NaN})))
                .isEqualTo("{\"key\":\"s-7\",\"time\":5,\"modelVersion\":12,\"warm\":true,"
                        + "\"forecast\":{\"1\":0.5,\"4\":null}}");
        assertThat(encode(FORECASTS, new SeriesForecast("v", 5, 1, 2, false, 2, new double[] {1, 2, 3, 4})))
                .endsWith("\"forecast\":{\"1\":[1.0,2.0],\"4\":[3.0,4.0]}}");
        StringBuilder s = new StringBuilder();
        JsonLines.string(s, "x");
        assertThat(s.toString()).isEqualTo("\"x\"");
    }
}
