package io.riffle.operators.reservoir;

import io.riffle.connectors.reservoir.SeriesJsonLines;
import io.riffle.models.event.DeadLetter;
import io.riffle.models.reservoir.event.ScoreSums;
import io.riffle.models.reservoir.event.SeriesForecast;
import io.riffle.models.reservoir.event.SeriesPoint;
import io.riffle.models.reservoir.event.SeriesReport;
import io.riffle.models.reservoir.forecast.ForecasterConfig;
import io.riffle.models.reservoir.forecast.HorizonScores;
import io.riffle.models.reservoir.forecast.PrequentialForecaster;
import io.riffle.models.reservoir.forecast.SeriesKey;
import io.riffle.operators.common.DeadLetterLog;
import io.riffle.operators.common.DeadLetters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Online forecasting of many series, keyed by series id: for each point, in event-time order per key, predict then
 * update ({@link PrequentialForecaster#step}), and emit the forecasts at the configured horizons. The model math is in
 * {@code models/}; this operator orders points, keeps state and emits.
 *
 * <p><b>Order.</b> A point waits until the watermark says no earlier point can still come, then is learned from in
 * (time, input position) order. With watermark W, points with time ≤ W + 1 are released: a point of the same key at
 * W + 1 may still arrive, but only as a duplicate, which is refused; so with no allowed lateness a point is learned
 * from as soon as it arrives. Reports and expiries are due when W reaches their event time, and all due work is done
 * in one total order ({@link Due}), so outputs, dead letters included, are the same on every replay and after every
 * restore.
 *
 * <p><b>Refused points</b> (dead letters, kind {@code point}): a second point of a key at a time it already has
 * (duplicates: the first to arrive wins), a point behind the key's last learned point, a point whose dimension differs
 * from the key's first point's, a point of a new key when {@code maxKeys} keys are live, a point the model refuses
 * (the readout would overflow). Dead letters from decoding arrive in band and are emitted in arrival order.
 *
 * <p><b>Reports.</b> When event time passes each multiple B of the metrics interval, every key that learned since its
 * last report emits a {@link SeriesReport} as of B (side output {@link #REPORTS}): its version, provenance and
 * NRMSEs, and the increment to the job's sums. <b>TTL.</b> A key with no point for {@code keyTtl} of event time is
 * dropped, with a last report flagged {@code expired}; a later point starts it afresh. At the end of a bounded input
 * (watermark +∞), only keys whose TTL ran out before the newest event time seen expire.
 *
 * <p><b>State</b> (RocksDB, keyed): the model ({@link PrequentialForecaster#toBytes}), a small {@link KeyMeta}, and
 * the waiting points. Recently used keys are also kept decoded on the heap ({@link KeyCache}, {@code cacheBytes});
 * what changed is written to RocksDB when a key leaves the cache and at every checkpoint, with the waiting points.
 * What is due is kept in memory and rebuilt from the keyed state on restore. {@code maxKeys} bounds the keys per
 * parallel instance (at N = 100 with RLS, about 44 kB of state each).
 */
public final class SeriesForecastOperator extends AbstractStreamOperator<SeriesForecast>
        implements OneInputStreamOperator<SeriesPoint, SeriesForecast> {
    public static final OutputTag<SeriesReport> REPORTS = new OutputTag<>("key-reports",
            TypeInformation.of(SeriesReport.class));

    private static final String MODEL = "reservoir-model";
    private static final String META = "reservoir-meta";
    private static final String PENDING = "reservoir-pending";
    private static final long NONE = KeyMeta.NONE;

    private final ForecastSettings settings;
    private transient ForecasterConfig config;
    private transient int[] horizons;
    private transient Map<Integer, PrequentialForecaster> forecasters;
    private transient Map<Integer, Long> modelBytes;
    private transient ValueState<byte[]> modelState;
    private transient ValueState<KeyMeta> metaState;
    private transient ListState<SeriesPoint> pendingState;
    private transient ListState<Long> newestTimeState;
    private transient KeyCache cache;
    private transient TreeSet<Due> due;
    private transient Map<String, List<SeriesPoint>> pending;
    private transient Set<String> pendingChanged;
    private transient long liveKeys;
    private transient long newestTime;
    private transient DeadLetterLog deadLetterLog;
    /** The key being worked on and its state. */
    private transient KeyCache.Entry current;

    public SeriesForecastOperator(ForecastSettings settings) {
        this.settings = settings;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        config = settings.forecaster();
        horizons = settings.horizons();
        forecasters = new HashMap<>();
        modelBytes = new HashMap<>();
        modelState = getKeyedStateStore().getState(new ValueStateDescriptor<>(MODEL,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        metaState = getKeyedStateStore().getState(new ValueStateDescriptor<>(META,
                TypeInformation.of(KeyMeta.class)));
        pendingState = getKeyedStateStore().getListState(new ListStateDescriptor<>(PENDING,
                TypeInformation.of(SeriesPoint.class)));
        newestTimeState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("newest-event-time", Types.LONG));
        cache = new KeyCache(settings.cacheBytes(), this::write);
        due = new TreeSet<>(Due.ORDER);
        pending = new HashMap<>();
        pendingChanged = new HashSet<>();
        liveKeys = 0;
        newestTime = Long.MIN_VALUE;
        deadLetterLog = new DeadLetterLog("forecast");
        if (context.isRestored()) {
            rebuildFromState();
        }
    }

    /** What is due lives in memory: rebuild it, and the live-key count, from the keyed state this instance owns. */
    private void rebuildFromState() throws Exception {
        for (String k : keysOf(META)) {
            setCurrentKey(k);
            KeyMeta m = metaState.value();
            liveKeys++;
            if (m.reportDue() != NONE) {
                due.add(Due.report(m.reportDue(), k));
            }
            if (m.expireAt() != NONE) {
                due.add(Due.expire(m.expireAt(), k));
            }
        }
        for (String k : keysOf(PENDING)) {
            setCurrentKey(k);
            for (SeriesPoint p : pendingState.get()) {
                pending.computeIfAbsent(k, x -> new ArrayList<>()).add(p);
                due.add(Due.point(p));
            }
        }
        for (Long t : newestTimeState.get()) {
            newestTime = Math.max(newestTime, t);
        }
        LOG.info("Reservoir forecaster restored: {} live keys, {} waiting points", liveKeys,
                pending.values().stream().mapToInt(List::size).sum());
    }

    private List<String> keysOf(String state) {
        try (Stream<String> keys = this.<String>getKeyedStateBackend().getKeys(state, VoidNamespace.INSTANCE)) {
            return keys.toList();
        }
    }

    @Override
    public void processElement(StreamRecord<SeriesPoint> element) throws Exception {
        SeriesPoint p = element.getValue();
        if (p.isDeadLetter()) {
            output.collect(DeadLetters.TAG, new StreamRecord<>(p.deadLetter()));
            return;
        }
        newestTime = Math.max(newestTime, p.time());
        KeyCache.Entry e = cache.get(p.key());
        KeyMeta m = e != null ? e.meta : metaState.value();
        if (m == null) {
            if (liveKeys >= settings.maxKeys()) {
                refuse(p, "key limit: " + liveKeys + " keys hold state (--max-keys " + settings.maxKeys()
                        + "); points of new keys are dead-lettered until keys expire (--key-ttl)");
                return;
            }
            liveKeys++;
            e = cache.add(p.key(), KeyMeta.fresh(p.dims()));
            e.dirty = true;
            cache.fit(p.key());
            setCurrentKey(p.key());
        } else if (m.dims() != p.dims()) {
            refuse(p, "key '" + p.key() + "' has " + m.dims() + " value(s) per point, this point has " + p.dims());
            return;
        } else if (m.points() > 0 && p.time() <= m.lastTime()) {
            refuse(p, p.time() == m.lastTime() ? duplicate(p) : "out of order: key '" + p.key()
                    + "' has already learned from a point at " + m.lastTime());
            return;
        }
        List<SeriesPoint> waiting = pending.get(p.key());
        if (waiting != null) {
            for (SeriesPoint w : waiting) {
                if (w.time() == p.time()) {
                    refuse(p, duplicate(p));
                    return;
                }
            }
        }
        pending.computeIfAbsent(p.key(), x -> new ArrayList<>()).add(p);
        pendingChanged.add(p.key());
        due.add(Due.point(p));
    }

    private static String duplicate(SeriesPoint p) {
        return "duplicate: key '" + p.key() + "' already has a point at time " + p.time() + " (the first to arrive"
                + " is used)";
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long w = mark.getTimestamp();
        List<Due> kept = null;
        while (!due.isEmpty() && isDue(due.first(), w)) {
            Due d = due.pollFirst();
            if (d.kind() == Due.EXPIRE && w == Long.MAX_VALUE && d.time() > newestTime) {
                // the input ended: its TTL had not run out by the newest event time seen
                if (kept == null) {
                    kept = new ArrayList<>();
                }
                kept.add(d);
                continue;
            }
            select(d.key());
            if (current.meta == null) { // nothing of the key is left (cannot happen: its work leaves with its state)
                cache.remove(d.key());
                current = null;
                continue;
            }
            switch (d.kind()) {
                case Due.POINT -> learn(d.point());
                case Due.REPORT -> {
                    if (current.meta.reportDue() == d.time()) {
                        report(d.time(), false);
                    }
                }
                default -> {
                    if (current.meta.expireAt() == d.time() && !pending.containsKey(d.key())) {
                        expire();
                    }
                }
            }
        }
        if (kept != null) {
            due.addAll(kept);
        }
        current = null;
        super.processWatermark(mark);
    }

    /**
     * Points are due at time ≤ W + 1 (a point of the same key at W + 1 can still come only as a refused duplicate);
     * reports and expiries at time ≤ W, when no point of the key at or before their time can still come.
     */
    private static boolean isDue(Due d, long w) {
        return d.time() <= w || d.kind() == Due.POINT && d.time() == w + 1 && w != Long.MAX_VALUE;
    }

    /** Makes {@code key} the current key, its state at hand in {@link #current}. */
    private void select(String key) throws Exception {
        if (current != null && current.key.equals(key)) {
            return;
        }
        setCurrentKey(key);
        KeyCache.Entry e = cache.get(key);
        if (e == null) {
            e = cache.add(key, metaState.value());
            cache.fit(key);
            setCurrentKey(key);
        }
        current = e;
    }

    private SeriesKey model() throws Exception {
        KeyCache.Entry e = current;
        if (e.model == null) {
            byte[] bytes = modelState.value();
            PrequentialForecaster f = forecaster(e.meta.dims());
            e.model = bytes == null ? f.newKey() : f.fromBytes(bytes);
            cache.sized(e, bytes != null ? bytes.length : modelBytes.computeIfAbsent(e.meta.dims(),
                    d -> (long) f.toBytes(f.newKey()).length));
            cache.fit(e.key);
            setCurrentKey(e.key);
        }
        return e.model;
    }

    private void learn(SeriesPoint p) throws Exception {
        List<SeriesPoint> waiting = pending.get(p.key());
        waiting.remove(p);
        if (waiting.isEmpty()) {
            pending.remove(p.key());
        }
        pendingChanged.add(p.key());
        KeyMeta m = current.meta;
        long expire = settings.keyTtlMillis() == 0 ? NONE : ForecastSettings.saturatedAdd(p.time(),
                settings.keyTtlMillis());
        if (m.expireAt() != NONE) {
            due.remove(Due.expire(m.expireAt(), p.key()));
        }
        if (expire != NONE) {
            due.add(Due.expire(expire, p.key()));
        }
        PrequentialForecaster forecaster = forecaster(m.dims());
        SeriesKey model = model();
        double[] out = new double[forecaster.outputSize()];
        boolean warm;
        try {
            warm = forecaster.step(model, p.values(), out);
        } catch (IllegalArgumentException e) {
            refuse(p, "the model refused the point (its state is unchanged): " + e.getMessage());
            current.meta = m.touched(expire);
            current.dirty = true;
            return;
        }
        output.collect(new StreamRecord<>(new SeriesForecast(p.key(), p.time(), p.seq(), model.version(), warm,
                m.dims(), out), p.time()));
        long reportAt = m.reportDue();
        if (reportAt == NONE) {
            reportAt = settings.boundaryAtOrAfter(p.time());
            due.add(Due.report(reportAt, p.key()));
        }
        current.meta = m.learned(p.time(), p.seq(), reportAt, expire);
        current.dirty = true;
    }

    private void report(long asOf, boolean expired) throws Exception {
        SeriesKey k = model();
        HorizonScores s = k.scores();
        ScoreSums increment = s.drain();
        KeyMeta m = current.meta;
        output.collect(REPORTS, new StreamRecord<>(new SeriesReport(current.key, asOf, k.version(), m.lastTime(),
                m.lastSeq(), !m.reported(), expired, s.count(0), s.nrmseByHorizon(), s.persistenceNrmseByHorizon(),
                increment), asOf));
        current.meta = m.afterReport();
        current.dirty = true;
    }

    private void expire() throws Exception {
        long asOf = current.meta.reportDue();
        if (asOf != NONE) {
            due.remove(Due.report(asOf, current.key));
        } else {
            asOf = settings.boundaryAtOrAfter(current.meta.expireAt());
        }
        report(asOf, true);
        modelState.clear();
        metaState.clear();
        pendingState.clear();
        pendingChanged.remove(current.key);
        cache.remove(current.key);
        current = null;
        liveKeys--;
    }

    /** {@link KeyCache.Store}: writes an entry to the keyed state of its key (the current key changes). */
    private void write(KeyCache.Entry e) throws Exception {
        setCurrentKey(e.key);
        metaState.update(e.meta);
        if (e.model != null) {
            modelState.update(forecaster(e.meta.dims()).toBytes(e.model));
        }
    }

    private PrequentialForecaster forecaster(int dims) {
        return forecasters.computeIfAbsent(dims, d -> new PrequentialForecaster(config, horizons, d));
    }

    private void refuse(SeriesPoint p, String reason) {
        StringBuilder json = new StringBuilder(64);
        SeriesJsonLines.point(json, p.key(), p.time(), p.values());
        DeadLetter dead = DeadLetter.of("point", settings.sources().name(p.seq()),
                settings.sources().partition(p.seq()), settings.sources().position(p.seq()), reason, json.toString());
        output.collect(DeadLetters.TAG, new StreamRecord<>(deadLetterLog.note(dead)));
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        cache.flush();
        for (String k : pendingChanged) {
            setCurrentKey(k);
            List<SeriesPoint> waiting = pending.get(k);
            if (waiting == null) {
                pendingState.clear();
            } else {
                pendingState.update(waiting);
            }
        }
        pendingChanged.clear();
        newestTimeState.update(List.of(newestTime));
    }

    /** Keys holding state in this instance (for tests and logs). */
    public long liveKeys() {
        return liveKeys;
    }
}
