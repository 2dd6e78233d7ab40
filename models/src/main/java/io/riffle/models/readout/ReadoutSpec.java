package io.riffle.models.readout;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Configuration of an online linear readout: {@link RlsConfig} or {@link NlmsConfig}. */
public sealed interface ReadoutSpec permits RlsConfig, NlmsConfig {
    /** A fresh readout for {@code features} inputs and {@code outputs} outputs. */
    Readout create(int features, int outputs);

    /** Reads a readout's state written by {@link Readout#write}. */
    Readout read(DataInput in, int features, int outputs) throws IOException;

    /** Kind tag then fields, big-endian. */
    void write(DataOutput out) throws IOException;

    static ReadoutSpec read(DataInput in) throws IOException {
        int kind = in.readByte();
        return switch (kind) {
            case RlsConfig.KIND -> new RlsConfig(in.readDouble(), in.readDouble(), in.readDouble());
            case NlmsConfig.KIND -> new NlmsConfig(in.readDouble(), in.readDouble());
            default -> throw new IOException("unknown readout kind " + kind);
        };
    }
}
