package io.riffle.models.reservoir.forecast;

import io.riffle.models.readout.FeatureLayout;
import io.riffle.models.readout.ReadoutSpec;
import io.riffle.models.reservoir.ReservoirSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A {@link ForecasterConfig} as versioned bytes (format {@value #FORMAT}, big-endian): the reservoir spec and readout
 * spec in their own tagged forms, then the feature layout, horizon, washout, train-after, normalisation and refit
 * settings. How a job ships the configuration to its tasks and records it as provenance; never Java serialization.
 */
public final class ForecasterConfigCodec {
    static final int FORMAT = 1;

    private ForecasterConfigCodec() {}

    public static byte[] toBytes(ForecasterConfig c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            c.reservoir().write(out);
            c.readout().write(out);
            out.writeBoolean(c.features().includeInput());
            out.writeBoolean(c.features().includeBias());
            out.writeInt(c.horizon());
            out.writeInt(c.washout());
            out.writeInt(c.trainAfter());
            out.writeBoolean(c.normalizeInputs());
            out.writeInt(c.refitEvery());
            out.writeDouble(c.refitRidge());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static ForecasterConfig fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IOException("forecaster-config format " + format + " is not readable by this build (reads "
                        + FORMAT + ")");
            }
            ReservoirSpec reservoir = ReservoirSpec.read(in);
            ReadoutSpec readout = ReadoutSpec.read(in);
            FeatureLayout features = new FeatureLayout(in.readBoolean(), in.readBoolean());
            ForecasterConfig c = new ForecasterConfig(reservoir, readout, features, in.readInt(), in.readInt(),
                    in.readInt(), in.readBoolean(), in.readInt(), in.readDouble());
            if (in.available() != 0) {
                throw new IOException("forecaster config has " + in.available() + " trailing bytes");
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
