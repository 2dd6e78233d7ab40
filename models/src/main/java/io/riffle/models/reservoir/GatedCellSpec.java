package io.riffle.models.reservoir;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Locale;

/**
 * Hyperparameters of a random, fixed gated reservoir cell — a GRU ({@link RandomGruCell}) or an LSTM
 * ({@link RandomLstmCell}): the classical baselines of Chen, Fry, Deshmukh, Rastunkov and Stefanski 2022,
 * "Reservoir Computing via Quantum Recurrent Neural Networks" (arXiv:2211.02612), where RNN, GRU and LSTM cells with
 * random, untrained weights serve as reservoirs and only a linear readout is trained. Both cells draw every gate's
 * weights the same way ({@link GatedWeights}), so one spec serves both.
 *
 * @param gating         which cell
 * @param units          N (1..100000)
 * @param connectivity   fraction of the N units each gate's recurrent row reads, in (0, 1]
 * @param spectralRadius approximate spectral radius of each recurrent gate matrix (> 0): entries are
 *                       N(0, ρ²/k) with k inputs per row, whose radius tends to ρ as N grows (circular law); not
 *                       measured, because a gated cell's dynamics are not set by one matrix anyway
 * @param inputScaling   input weights are uniform in [−s, s] (> 0), dense
 * @param biasScaling    biases are uniform in [−s, s] (≥ 0)
 * @param seed           seed of all weights
 */
public record GatedCellSpec(Gating gating, int units, double connectivity, double spectralRadius,
        double inputScaling, double biasScaling, long seed) implements ReservoirSpec {
    static final byte GRU_KIND = 3;
    static final byte LSTM_KIND = 4;

    /** The gated cells, with the kind tag each writes (the binary form is that of the former per-cell specs). */
    public enum Gating {
        GRU(GRU_KIND), LSTM(LSTM_KIND);

        final byte kind;

        Gating(byte kind) {
            this.kind = kind;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public GatedCellSpec {
        if (gating == null) {
            throw new IllegalArgumentException("gated cell: gating must be GRU or LSTM, got null");
        }
        String g = gating.label();
        Checks.atLeast(g + " units", units, 1);
        Checks.atMost(g + " units", units, 100_000);
        Checks.inHalfOpen(g + " connectivity", connectivity, 0, 1);
        Checks.positive(g + " spectralRadius", spectralRadius);
        Checks.positive(g + " inputScaling", inputScaling);
        Checks.nonNegative(g + " biasScaling", biasScaling);
    }

    /** 100 units, 10% connectivity, ρ ≈ 1, inputs in [−1, 1], biases in [−0.2, 0.2]. */
    public static GatedCellSpec defaults(Gating gating) {
        return new GatedCellSpec(gating, 100, 0.1, 1.0, 1.0, 0.2, 42L);
    }

    public GatedCellSpec withUnits(int n) {
        return new GatedCellSpec(gating, n, connectivity, spectralRadius, inputScaling, biasScaling, seed);
    }

    @Override
    public ReservoirCell build(int inputSize) {
        return switch (gating) {
            case GRU -> RandomGruCell.create(this, inputSize);
            case LSTM -> RandomLstmCell.create(this, inputSize);
        };
    }

    /** One gate's weights; {@code stream} keeps the gates' draws apart, {@code biasOffset} shifts its biases. */
    GatedWeights gate(int inputSize, long stream, double biasOffset) {
        return GatedWeights.create(units, inputSize, connectivity, spectralRadius, inputScaling, biasScaling,
                biasOffset, seed, stream);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(gating.kind);
        out.writeInt(units);
        out.writeDouble(connectivity);
        out.writeDouble(spectralRadius);
        out.writeDouble(inputScaling);
        out.writeDouble(biasScaling);
        out.writeLong(seed);
    }

    static GatedCellSpec readFields(Gating gating, DataInput in) throws IOException {
        return new GatedCellSpec(gating, in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readDouble(), in.readLong());
    }
}
