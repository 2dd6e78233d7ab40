package io.riffle.models.reservoir.forecast;

import io.riffle.models.metrics.NrmseAccumulator;
import io.riffle.models.readout.FeatureLayout;
import io.riffle.models.readout.Readout;
import io.riffle.models.readout.RidgeAccumulator;
import io.riffle.models.readout.RlsConfig;
import io.riffle.models.reservoir.ReservoirCell;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Online multi-step forecasting of many d-dimensional series, one {@link KeyState} per key, with a reservoir
 * computer: a fixed shared {@link ReservoirCell} and a per-key online linear readout (Jaeger and Haas 2004,
 * "Harnessing nonlinearity"; online RLS readouts as in Jaeger 2003, "Adaptive nonlinear system identification with
 * echo state networks", and Sussillo and Abbott 2009). {@link #predictThenUpdate} is the one method the streaming
 * operator calls per event.
 *
 * <p><b>Order of operations (prequential).</b> The readout trained at step t maps the state x(t), reached after
 * feeding u(t), to the next value u(t+1). When u(t) arrives, {@link #predictThenUpdate} does, in order:
 * <ol>
 *   <li><i>prior</i>: ŷ(t) = W φ(t−1), the one-step forecast of u(t) made before seeing it (equal, bit for bit, to the
 *       horizon-1 forecast returned at t−1);</li>
 *   <li><i>update</i>: if x(t−1) is past {@code trainAfter}, the readout learns the pair (φ(t−1), u(t)); if it is past
 *       {@code washout}, (ŷ(t), u(t)) goes into the key's NRMSE;</li>
 *   <li><i>advance</i>: the normalisation statistics absorb u(t); x(t) = f(x(t−1), ũ(t)) with ũ the normalised
 *       input (adaptation, if any, applies here);</li>
 *   <li><i>forecast</i>: y(t+1) = W φ(t) with φ(t) = [x(t); ũ(t); 1], and for horizons k = 2..h in closed loop: a copy
 *       of the state is advanced with the previous forecast as input, x' ← f(x', ỹ(t+k−1)), and y(t+k) = W φ'
 *       (adaptation frozen). Only preallocated buffers are used.</li>
 * </ol>
 * Forecasts made at t &lt; {@code washout} are flagged not warm.
 *
 * <p><b>Normalisation.</b> With {@code normalizeInputs}, the reservoir and the feature u see
 * ũ = (u − mean)/std from the key's running Welford statistics over all its points (std 0 gives ũ = u − mean), so
 * series of any scale use the same reservoir. Targets and forecasts stay in the raw scale; both readouts are
 * equivariant in the target's scale (RLS apart from its δ prior).
 *
 * <p><b>State format</b> ({@link #write}, version {@value #STATE_FORMAT}, big-endian {@link DataOutput}):
 * <pre>
 *   int     format (1)
 *   long    fingerprint of the state-shaping settings (reservoir spec incl. seed, d, feature layout, readout kind,
 *           normalisation, ridge on/off); a restore under other settings is refused
 *   int     d;  int S (reservoir state length);  int F (features);  int m (outputs = d)
 *   long    points seen
 *   S×f64   reservoir state (activations, then adaptation variables)
 *   d×f64   last input (raw);  d×f64 running mean;  d×f64 running M2
 *   readout RLS: updates, rescales, resets (longs), P upper triangle F(F+1)/2 × f64, W m·F × f64
 *           NLMS: updates (long), W m·F × f64
 *   bool    ridge present; then {@link RidgeAccumulator#write}
 *   nrmse   {@link NrmseAccumulator#write}
 * </pre>
 * The round trip is bit for bit, and continuing from a restored state gives the same forecasts as an uninterrupted
 * run. Never Java serialization.
 *
 * <p><b>NaN.</b> A value with a NaN or infinite component (or the wrong length) is rejected with
 * {@link IllegalArgumentException} before anything changes: the key's state is untouched. The operator dead-letters
 * such values before calling.
 *
 * <p>Not thread-safe (scratch buffers); build one per operator instance. Several instances may share one cell via
 * {@link #SeriesForecaster(ForecasterConfig, ReservoirCell)}.
 */
public final class SeriesForecaster {
    public static final int STATE_FORMAT = 1;

    private final ForecasterConfig config;
    private final ReservoirCell cell;
    private final FeatureLayout layout;
    private final int d;
    private final int n;
    private final int f;
    private final int h;
    private final long fingerprint;
    private final double[] work;
    private final double[] phi;
    private final double[] normalized;
    private final double[] forecastState;

    /** Builds the reservoir for {@code dims}-dimensional series (costly for large N; build once per operator). */
    public SeriesForecaster(ForecasterConfig config, int dims) {
        this(config, config.reservoir().build(dims));
    }

    /** Uses an already built cell, which must have been built from {@code config.reservoir()}. */
    public SeriesForecaster(ForecasterConfig config, ReservoirCell cell) {
        if (!cell.spec().equals(config.reservoir())) {
            throw new IllegalArgumentException("the cell was built from " + cell.spec() + ", the config asks for "
                    + config.reservoir());
        }
        this.config = config;
        this.cell = cell;
        this.layout = config.features();
        this.d = cell.inputSize();
        this.n = cell.units();
        this.f = layout.size(n, d);
        this.h = config.horizon();
        this.fingerprint = fingerprint(config, d);
        this.work = new double[cell.workSize()];
        this.phi = new double[f];
        this.normalized = new double[d];
        this.forecastState = new double[cell.stateSize()];
    }

    public ForecasterConfig config() {
        return config;
    }

    public ReservoirCell cell() {
        return cell;
    }

    /** d. */
    public int dims() {
        return d;
    }

    /** F, the readout's feature count. */
    public int features() {
        return f;
    }

    /** A fresh key: zero activations, initial adaptation, untrained readout. */
    public KeyState newState() {
        double[] state = new double[cell.stateSize()];
        cell.initialState(state);
        Readout readout = config.readout().create(f, d);
        RidgeAccumulator ridge = config.refitEvery() > 0 ? new RidgeAccumulator(f, d, ridgeForgetting()) : null;
        return new KeyState(state, d, readout, ridge, new NrmseAccumulator(d));
    }

    private double ridgeForgetting() {
        return config.readout() instanceof RlsConfig rls ? rls.forgetting() : 1.0;
    }

    /**
     * Processes point {@code value} of the key (see the class comment for the order) and returns its prior
     * forecast and the new forecasts. Allocates the result; see
     * {@link #predictThenUpdate(KeyState, double[], double[], double[])} for the allocation-free form.
     */
    public PointResult predictThenUpdate(KeyState s, double[] value) {
        double[] prior = new double[d];
        double[] forecasts = new double[h * d];
        long t = s.seen;
        boolean warm = predictThenUpdate(s, value, prior, forecasts);
        return new PointResult(t, warm, t == 0 ? null : prior, t >= 1 && t - 1 >= config.washout(), forecasts, d);
    }

    /**
     * Allocation-free form: writes the prior forecast of {@code value} into {@code priorOut} (d values; NaN at the
     * first point) and y(t+1..t+h) into {@code forecastsOut} (h×d, horizon-major).
     *
     * @return whether the forecasts are warm (t ≥ washout)
     * @throws IllegalArgumentException on a non-finite or wrongly sized value, state unchanged
     */
    public boolean predictThenUpdate(KeyState s, double[] value, double[] priorOut, double[] forecastsOut) {
        checkValue(value);
        if (priorOut.length < d || forecastsOut.length < h * d) {
            throw new IllegalArgumentException("output buffers need " + d + " and " + (h * d) + " values, got "
                    + priorOut.length + " and " + forecastsOut.length);
        }
        long t = s.seen;
        if (t >= 1) {
            normalize(s, s.lastInput, normalized);
            layout.fill(s.state, n, normalized, phi);
            s.readout.predict(phi, priorOut);
            long prev = t - 1;
            // the readout first: it is the only step that can still refuse the pair (overflow), and it refuses
            // before changing anything
            if (prev >= config.trainAfter()) {
                s.readout.update(phi, value);
                if (s.ridge != null) {
                    s.ridge.increment(phi, value);
                    if (s.ridge.count() % config.refitEvery() == 0) {
                        s.readout.refit(s.ridge, config.refitRidge());
                    }
                }
            }
            if (prev >= config.washout()) {
                s.metrics.add(priorOut, value);
            }
        } else {
            Arrays.fill(priorOut, 0, d, Double.NaN);
        }
        absorb(s, value);
        normalize(s, value, normalized);
        cell.step(normalized, s.state, work, true);
        System.arraycopy(value, 0, s.lastInput, 0, d);
        s.seen = t + 1;
        forecastInto(s, h, forecastsOut);
        return t >= config.washout();
    }

    /**
     * Closed-loop forecasts y(t+1..t+horizon) from the key's current state, without changing it (h×d into
     * {@code out}, horizon-major). Horizon 1 equals the open-loop one-step prediction W φ(t).
     *
     * @throws IllegalStateException before the key's first point
     */
    public void forecast(KeyState s, int horizon, double[] out) {
        if (s.seen == 0) {
            throw new IllegalStateException("no point seen yet for this key: nothing to forecast from");
        }
        if (horizon < 1 || out.length < horizon * d) {
            throw new IllegalArgumentException("forecast needs horizon >= 1 and " + (horizon * d)
                    + " output values, got horizon " + horizon + " and " + out.length);
        }
        forecastInto(s, horizon, out);
    }

    /** The open-loop one-step prediction W φ(t) from the current state (d values into {@code out}). */
    public void predictNext(KeyState s, double[] out) {
        if (s.seen == 0) {
            throw new IllegalStateException("no point seen yet for this key: nothing to predict from");
        }
        normalize(s, s.lastInput, normalized);
        layout.fill(s.state, n, normalized, phi);
        s.readout.predict(phi, out);
    }

    private void forecastInto(KeyState s, int horizon, double[] out) {
        normalize(s, s.lastInput, normalized);
        layout.fill(s.state, n, normalized, phi);
        s.readout.predict(phi, out);
        if (horizon == 1) {
            return;
        }
        System.arraycopy(s.state, 0, forecastState, 0, forecastState.length);
        for (int k = 1; k < horizon; k++) {
            int prev = (k - 1) * d;
            boolean finite = true;
            for (int j = 0; j < d; j++) {
                double y = out[prev + j];
                finite &= Double.isFinite(y);
                normalized[j] = normalizeOne(s, j, y);
            }
            if (!finite) { // a diverged closed loop: report NaN for the remaining horizons instead of throwing
                Arrays.fill(out, k * d, horizon * d, Double.NaN);
                return;
            }
            cell.step(normalized, forecastState, work, false);
            layout.fill(forecastState, n, normalized, phi);
            predictAt(s.readout, out, k * d);
        }
    }

    private void predictAt(Readout readout, double[] out, int offset) {
        if (offset == 0) {
            readout.predict(phi, out);
            return;
        }
        // predict writes from index 0: go through the normalised buffer (d values) to avoid an allocation
        readout.predict(phi, normalized);
        System.arraycopy(normalized, 0, out, offset, d);
    }

    private void checkValue(double[] value) {
        if (value == null || value.length != d) {
            throw new IllegalArgumentException("series value must have " + d + " components, got "
                    + (value == null ? "null" : value.length));
        }
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(value[j])) {
                throw new IllegalArgumentException("series value[" + j + "] is " + value[j]
                        + ": the forecaster rejects non-finite values (dead-letter them upstream); state unchanged");
            }
        }
    }

    /** Welford: the key's running mean and M2 absorb {@code value} (count = points seen before it + 1). */
    private void absorb(KeyState s, double[] value) {
        long count = s.seen + 1;
        for (int j = 0; j < d; j++) {
            double delta = value[j] - s.mean[j];
            s.mean[j] += delta / count;
            s.m2[j] += delta * (value[j] - s.mean[j]);
        }
    }

    private void normalize(KeyState s, double[] value, double[] out) {
        for (int j = 0; j < d; j++) {
            out[j] = normalizeOne(s, j, value[j]);
        }
    }

    /** ũ = (u − mean)/std with the statistics of the points seen so far (u itself when normalisation is off). */
    private double normalizeOne(KeyState s, int j, double u) {
        if (!config.normalizeInputs()) {
            return u;
        }
        double centred = u - s.mean[j];
        double std = s.seen >= 2 ? Math.sqrt(s.m2[j] / s.seen) : 0.0;
        return std > 1e-12 * (1.0 + Math.abs(s.mean[j])) ? centred / std : centred;
    }

    // ---------------------------------------------------------------- state serialisation

    /** Bytes {@link #write} produces for {@code s}. */
    public int serializedSize(KeyState s) {
        int size = Integer.BYTES + Long.BYTES + 4 * Integer.BYTES + Long.BYTES
                + (s.state.length + 3 * d) * Double.BYTES + s.readout.serializedSize() + 1
                + s.metrics.serializedSize();
        return s.ridge == null ? size : size + s.ridge.serializedSize();
    }

    /** The key's state in the format above ({@link #serializedSize} bytes, the same bytes {@link #write} gives). */
    public byte[] toBytes(KeyState s) {
        byte[] bytes = new byte[serializedSize(s)];
        ByteBufferData.Out out = new ByteBufferData.Out(bytes);
        try {
            write(s, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.position() != bytes.length) {
            throw new IllegalStateException("state size " + bytes.length + " != written " + out.position());
        }
        return bytes;
    }

    /** Reads {@link #toBytes}; every byte must be consumed. */
    public KeyState fromBytes(byte[] bytes) throws IOException {
        ByteBufferData.In in = new ByteBufferData.In(bytes);
        KeyState s = read(in);
        if (in.remaining() != 0) {
            throw new IOException("reservoir key state has " + in.remaining() + " trailing bytes");
        }
        return s;
    }

    public void write(KeyState s, DataOutput out) throws IOException {
        out.writeInt(STATE_FORMAT);
        out.writeLong(fingerprint);
        out.writeInt(d);
        out.writeInt(s.state.length);
        out.writeInt(f);
        out.writeInt(d);
        out.writeLong(s.seen);
        writeDoubles(out, s.state);
        writeDoubles(out, s.lastInput);
        writeDoubles(out, s.mean);
        writeDoubles(out, s.m2);
        s.readout.write(out);
        out.writeBoolean(s.ridge != null);
        if (s.ridge != null) {
            s.ridge.write(out);
        }
        s.metrics.write(out);
    }

    public KeyState read(DataInput in) throws IOException {
        int format = in.readInt();
        if (format != STATE_FORMAT) {
            throw new IOException("reservoir key-state format " + format + " is not readable by this build (reads "
                    + STATE_FORMAT + ")");
        }
        long print = in.readLong();
        if (print != fingerprint) {
            throw new IOException("reservoir key state was written under other settings (fingerprint "
                    + Long.toHexString(print) + ", this forecaster " + Long.toHexString(fingerprint)
                    + "): reservoir spec, dims, features, readout kind, normalisation and refit on/off must match");
        }
        int dims = in.readInt();
        int stateSize = in.readInt();
        int features = in.readInt();
        int outputs = in.readInt();
        if (dims != d || stateSize != cell.stateSize() || features != f || outputs != d) {
            throw new IOException("reservoir key state has shape d=" + dims + " S=" + stateSize + " F=" + features
                    + " m=" + outputs + ", expected d=" + d + " S=" + cell.stateSize() + " F=" + f + " m=" + d);
        }
        long seen = in.readLong();
        double[] state = new double[stateSize];
        readDoubles(in, state);
        Readout readout;
        double[] last = new double[d];
        double[] mean = new double[d];
        double[] m2 = new double[d];
        readDoubles(in, last);
        readDoubles(in, mean);
        readDoubles(in, m2);
        readout = config.readout().read(in, f, d);
        RidgeAccumulator ridge = in.readBoolean() ? RidgeAccumulator.read(in) : null;
        NrmseAccumulator metrics = NrmseAccumulator.read(in);
        KeyState s = new KeyState(state, d, readout, ridge, metrics);
        s.seen = seen;
        System.arraycopy(last, 0, s.lastInput, 0, d);
        System.arraycopy(mean, 0, s.mean, 0, d);
        System.arraycopy(m2, 0, s.m2, 0, d);
        return s;
    }

    private static void writeDoubles(DataOutput out, double[] values) throws IOException {
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static void readDoubles(DataInput in, double[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
    }

    /** FNV-1a 64 over the state-shaping settings' bytes. */
    static long fingerprint(ForecasterConfig config, int dims) {
        long[] hash = {0xcbf29ce484222325L};
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                hash[0] = (hash[0] ^ (b & 0xff)) * 0x100000001b3L;
            }
        };
        try (DataOutputStream out = new DataOutputStream(sink)) {
            config.writeStateShaping(out, dims);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hash[0];
    }
}
