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
import java.util.List;
import java.util.Map;
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
 * from as soon as it arrives. Reports and expiries are due when W reaches their event time, and all
 * due work is done in one total order ({@link Due}), so outputs, dead letters included, are the same on every replay
 * and after every restore. Consecutive points of one key are learned with one read and one write of its state.
 *
 * <p><b>Refused points</b> (dead letters, kind {@code point}): a second point of a key at a time it already has
 * (duplicates: the first to arrive wins), a point behind the key's last learned point, a point whose dimension differs
 * from the key's first point's, a point of a new key when {@code maxKeys} keys are live, a point the model refuses
 * (the readout would overflow). Dead letters from decoding arrive in band and are emitted in arrival order.
 *
 * <p><b>Reports.</b> When event time passes each multiple B of the metrics interval, every key that learned since its
 * last report emits a {@link SeriesReport} as of B (side output {@link #REPORTS}): its version, provenance and
 * NRMSEs, and the increment to the global sums. <b>TTL.</b> A key with no point for {@code keyTtl} of event time is
 * dropped, with a last report flagged {@code expired}; a later point starts it afresh. At the end of a bounded input
 * (watermark +∞), only keys whose TTL ran out before the newest event time seen expire.
 *
 * <p><b>State</b> (RocksDB, keyed): the model ({@link PrequentialForecaster#toBytes}), a small {@link KeyMeta} read at
 * each arrival, and the waiting points. What is due is kept in memory and rebuilt from that state on restore.
 * {@code maxKeys} bounds the keys per parallel instance (at N = 100 with RLS, about 44 kB of state each).
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
    private transient ValueState<byte[]> modelState;
    private transient ValueState<KeyMeta> metaState;
    private transient ListState<SeriesPoint> pendingState;
    private transient ListState<Long> newestTimeState;
    private transient TreeSet<Due> due;
    private transient Map<String, List<SeriesPoint>> pending;
    private transient long liveKeys;
    private transient long newestTime;
    private transient DeadLetterLog deadLetterLog;
    // the key whose state a release pass is working on
    private transient String key;
    private transient KeyMeta meta;
    private transient SeriesKey model;
    private transient boolean modelDirty;
    private transient boolean metaDirty;
    private transient boolean pendingDirty;

    public SeriesForecastOperator(ForecastSettings settings) {
        this.settings = settings;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        config = settings.forecaster();
        horizons = settings.horizons();
        forecasters = new HashMap<>();
        modelState = getKeyedStateStore().getState(new ValueStateDescriptor<>(MODEL,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        metaState = getKeyedStateStore().getState(new ValueStateDescriptor<>(META,
                TypeInformation.of(KeyMeta.class)));
        pendingState = getKeyedStateStore().getListState(new ListStateDescriptor<>(PENDING,
                TypeInformation.of(SeriesPoint.class)));
        newestTimeState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("newest-event-time", Types.LONG));
        due = new TreeSet<>(Due.ORDER);
        pending = new HashMap<>();
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
        LOG.info("Reservoir forecaster restored: {} live keys, {} waiting points", liveKeys, due.stream()
                .filter(d -> d.kind() == Due.POINT).count());
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
        KeyMeta m = metaState.value();
        if (m == null) {
            if (liveKeys >= settings.maxKeys()) {
                refuse(p, "key limit: " + liveKeys + " keys hold state (--max-keys " + settings.maxKeys()
                        + "); points of new keys are dead-lettered until keys expire (--key-ttl)");
                return;
            }
            liveKeys++;
            metaState.update(KeyMeta.fresh(p.dims()));
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
        pendingState.add(p);
        pending.computeIfAbsent(p.key(), x -> new ArrayList<>()).add(p);
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
            load(d.key());
            switch (d.kind()) {
                case Due.POINT -> learn(d.point());
                case Due.REPORT -> {
                    if (meta.reportDue() == d.time()) {
                        report(d.time(), false);
                    }
                }
                default -> {
                    if (meta.expireAt() == d.time() && !pending.containsKey(key)) {
                        expire();
                    }
                }
            }
        }
        if (kept != null) {
            due.addAll(kept);
        }
        unload();
        super.processWatermark(mark);
    }

    /**
     * Points are due at time ≤ W + 1 (a point of the same key at W + 1 can still come only as a refused duplicate);
     * reports and expiries at time ≤ W, when no point of the key at or before their time can still come.
     */
    private static boolean isDue(Due d, long w) {
        return d.time() <= w || d.kind() == Due.POINT && d.time() == w + 1 && w != Long.MAX_VALUE;
    }

    private void learn(SeriesPoint p) {
        List<SeriesPoint> waiting = pending.get(key);
        waiting.remove(p);
        if (waiting.isEmpty()) {
            pending.remove(key);
        }
        pendingDirty = true;
        long expire = settings.keyTtlMillis() == 0 ? NONE : ForecastSettings.saturatedAdd(p.time(),
                settings.keyTtlMillis());
        if (meta.expireAt() != NONE) {
            due.remove(Due.expire(meta.expireAt(), key));
        }
        if (expire != NONE) {
            due.add(Due.expire(expire, key));
        }
        PrequentialForecaster forecaster = forecaster(meta.dims());
        double[] out = new double[forecaster.outputSize()];
        boolean warm;
        try {
            warm = forecaster.step(model(), p.values(), out);
        } catch (IllegalArgumentException e) {
            refuse(p, "the model refused the point (its state is unchanged): " + e.getMessage());
            meta = meta.touched(expire);
            metaDirty = true;
            return;
        }
        modelDirty = true;
        output.collect(new StreamRecord<>(new SeriesForecast(key, p.time(), p.seq(), model.version(), warm,
                meta.dims(), out), p.time()));
        long reportAt = meta.reportDue();
        if (reportAt == NONE) {
            reportAt = settings.boundaryAtOrAfter(p.time());
            due.add(Due.report(reportAt, key));
        }
        meta = meta.learned(p.time(), p.seq(), reportAt, expire);
        metaDirty = true;
    }

    private void report(long asOf, boolean expired) {
        SeriesKey k = model();
        HorizonScores s = k.scores();
        ScoreSums increment = s.drain();
        modelDirty = true;
        output.collect(REPORTS, new StreamRecord<>(new SeriesReport(key, asOf, k.version(), meta.lastTime(),
                meta.lastSeq(), !meta.reported(), expired, s.count(0), s.nrmseByHorizon(),
                s.persistenceNrmseByHorizon(), increment), asOf));
        meta = meta.afterReport();
        metaDirty = true;
    }

    private void expire() {
        long asOf = meta.reportDue();
        if (asOf != NONE) {
            due.remove(Due.report(asOf, key));
        } else {
            asOf = settings.boundaryAtOrAfter(meta.expireAt());
        }
        report(asOf, true);
        modelState.clear();
        metaState.clear();
        pendingState.clear();
        liveKeys--;
        key = null;
        model = null;
        meta = null;
        modelDirty = metaDirty = pendingDirty = false;
    }

    /** Makes {@code k} the current key, writing the previous one's state back. */
    private void load(String k) throws Exception {
        if (k.equals(key)) {
            return;
        }
        unload();
        setCurrentKey(k);
        key = k;
        meta = metaState.value();
    }

    private SeriesKey model() {
        if (model == null) {
            try {
                byte[] bytes = modelState.value();
                PrequentialForecaster f = forecaster(meta.dims());
                model = bytes == null ? f.newKey() : f.fromBytes(bytes);
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the state of key '" + key + "'", e);
            }
        }
        return model;
    }

    private void unload() throws Exception {
        if (key == null) {
            return;
        }
        if (modelDirty) {
            modelState.update(forecaster(meta.dims()).toBytes(model));
        }
        if (metaDirty) {
            metaState.update(meta);
        }
        if (pendingDirty) {
            List<SeriesPoint> waiting = pending.get(key);
            if (waiting == null) {
                pendingState.clear();
            } else {
                pendingState.update(waiting);
            }
        }
        key = null;
        model = null;
        meta = null;
        modelDirty = metaDirty = pendingDirty = false;
    }

    private PrequentialForecaster forecaster(int dims) {
        return forecasters.computeIfAbsent(dims, d -> new PrequentialForecaster(config, horizons, d));
    }

    private void refuse(SeriesPoint p, String reason) {
        StringBuilder json = new StringBuilder(64);
        SeriesJsonLines.point(json, p.key(), p.time(), p.values());
        DeadLetter dead = DeadLetter.of("point", settings.sources().name(p.seq()), -1,
                settings.sources().position(p.seq()), reason, json.toString());
        output.collect(DeadLetters.TAG, new StreamRecord<>(deadLetterLog.note(dead)));
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        newestTimeState.update(List.of(newestTime));
    }

    /** Keys holding state in this instance (for tests and logs). */
    public long liveKeys() {
        return liveKeys;
    }
}
