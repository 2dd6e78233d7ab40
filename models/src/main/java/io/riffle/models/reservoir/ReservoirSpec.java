package io.riffle.models.reservoir;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The configuration of a reservoir: everything, seed included, that its fixed weights are generated from. Two equal
 * specs build bit-identical weights, so weights are never stored per key (nor in checkpoints): the operator builds
 * the {@link ReservoirCell} once from the spec and each key keeps only its state vector.
 *
 * <p>{@link #write} gives a versioned binary form (kind tag, then the fields), which the per-key state format uses to
 * fingerprint the configuration it was written under.
 */
public sealed interface ReservoirSpec permits EsnSpec, EiSpec, GatedCellSpec {
    /** Number of units N. */
    int units();

    /** Seed of every random weight. */
    long seed();

    /** Generates the weights for input dimension {@code inputSize}. Costly for large N: build once, share. */
    ReservoirCell build(int inputSize);

    /** Kind tag then fields, big-endian. */
    void write(DataOutput out) throws IOException;

    /** Reads what {@link #write} wrote. */
    static ReservoirSpec read(DataInput in) throws IOException {
        int kind = in.readByte();
        return switch (kind) {
            case EsnSpec.KIND -> EsnSpec.readFields(in);
            case EiSpec.KIND -> EiSpec.readFields(in);
            case GatedCellSpec.GRU_KIND -> GatedCellSpec.readFields(GatedCellSpec.Gating.GRU, in);
            case GatedCellSpec.LSTM_KIND -> GatedCellSpec.readFields(GatedCellSpec.Gating.LSTM, in);
            default -> throw new IOException("unknown reservoir kind " + kind);
        };
    }
}
