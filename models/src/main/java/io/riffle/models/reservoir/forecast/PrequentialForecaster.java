package io.riffle.models.reservoir.forecast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A {@link SeriesForecaster} whose forecasts are scored as they come due: the one call a streaming operator makes per
 * point of a key. {@link #step} runs, in order, the forecaster's prequential step (prior forecast of u(t), readout
 * update, reservoir step, forecasts y(t+1..t+h)), then scores u(t) against the forecasts made for it at each
 * configured horizon ({@link HorizonScores}) and remembers the new ones.
 *
 * <p>Only the configured horizons are returned and scored; the forecaster runs its closed loop up to the largest.
 *
 * <p><b>State format</b> ({@link #toBytes}, version {@value #FORMAT}): int format, int length of the forecaster's
 * key state, that state ({@link SeriesForecaster#write}), then {@link HorizonScores#write}. A state whose scores were
 * kept for other horizons is read with fresh scores (the model is kept): horizons may change between a checkpoint and
 * a restore, the state-shaping settings of the forecaster may not.
 *
 * <p>Not thread-safe (scratch buffers): one per operator instance and dimension d.
 */
public final class PrequentialForecaster {
    public static final int FORMAT = 1;

    private final SeriesForecaster forecaster;
    private final int[] horizons;
    private final int d;
    private final double[] prior;
    private final double[] all;

    /**
     * Builds the reservoir for {@code dims}-dimensional series (costly for large N: once per operator and d).
     *
     * @param config   the forecaster; its {@code horizon} must be the largest of {@code horizons}
     * @param horizons the horizons to forecast and score: ascending, distinct, ≥ 1
     */
    public PrequentialForecaster(ForecasterConfig config, int[] horizons, int dims) {
        HorizonScores.checkHorizons(horizons);
        if (config.horizon() != horizons[horizons.length - 1]) {
            throw new IllegalArgumentException("the forecaster's horizon (" + config.horizon()
                    + ") must be the largest of the horizons " + Arrays.toString(horizons));
        }
        this.forecaster = new SeriesForecaster(config, dims);
        this.horizons = horizons.clone();
        this.d = dims;
        this.prior = new double[d];
        this.all = new double[config.horizon() * d];
    }

    public SeriesForecaster forecaster() {
        return forecaster;
    }

    public int dims() {
        return d;
    }

    public int[] horizons() {
        return horizons.clone();
    }

    /** Values {@link #step} writes: horizons × d. */
    public int outputSize() {
        return horizons.length * d;
    }

    /** A key with no point yet. */
    public SeriesKey newKey() {
        return new SeriesKey(forecaster.newState(), new HorizonScores(horizons, d));
    }

    /**
     * Learns from the key's next point and forecasts from it.
     *
     * @param value u(t), d finite values
     * @param out   receives the forecasts at the configured horizons, {@code horizons×d} horizon-major
     * @return whether the forecasts are warm (made after the washout)
     * @throws IllegalArgumentException on a non-finite or wrongly sized value; the key is unchanged
     */
    public boolean step(SeriesKey key, double[] value, double[] out) {
        boolean warm = forecaster.predictThenUpdate(key.model, value, prior, all);
        for (int i = 0; i < horizons.length; i++) {
            System.arraycopy(all, (horizons[i] - 1) * d, out, i * d, d);
        }
        key.scores.add(value, out, warm);
        return warm;
    }

    public byte[] toBytes(SeriesKey key) {
        int modelSize = forecaster.serializedSize(key.model);
        byte[] bytes = new byte[2 * Integer.BYTES + modelSize + key.scores.serializedSize()];
        ByteBufferData.Out out = new ByteBufferData.Out(bytes);
        try {
            out.writeInt(FORMAT);
            out.writeInt(modelSize);
            forecaster.write(key.model, out);
            key.scores.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.position() != bytes.length) {
            throw new IllegalStateException("series key size " + bytes.length + " != written " + out.position());
        }
        return bytes;
    }

    /** Reads {@link #toBytes}; every byte must be consumed. */
    public SeriesKey fromBytes(byte[] bytes) throws IOException {
        ByteBufferData.In in = new ByteBufferData.In(bytes);
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("series key format " + format + " is not readable by this build (reads " + FORMAT
                    + ")");
        }
        int modelSize = in.readInt();
        if (modelSize < 0 || modelSize > in.remaining()) {
            throw new IOException("series key state announces " + modelSize + " model bytes, " + in.remaining()
                    + " remain");
        }
        int before = in.remaining();
        KeyState model = forecaster.read(in);
        if (before - in.remaining() != modelSize) {
            throw new IOException("series key model state is " + (before - in.remaining()) + " bytes, announced "
                    + modelSize);
        }
        HorizonScores scores = HorizonScores.read(in);
        if (in.remaining() != 0) {
            throw new IOException("series key state has " + in.remaining() + " trailing bytes");
        }
        if (!Arrays.equals(scores.horizons(), horizons) || scores.dims() != d) {
            scores = new HorizonScores(horizons, d);
        }
        return new SeriesKey(model, scores);
    }
}
