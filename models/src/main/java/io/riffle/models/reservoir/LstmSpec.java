package io.riffle.models.reservoir;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Hyperparameters of a random, fixed long short-term memory reservoir ({@link RandomLstmCell}): one of the classical
 * baselines of Chen, Fry, Deshmukh, Rastunkov and Stefanski 2022, "Reservoir Computing via Quantum Recurrent Neural
 * Networks" (arXiv:2211.02612), where RNN, GRU and LSTM cells with random, untrained weights serve as reservoirs and
 * only a linear readout is trained.
 *
 * @param units          N (1..100000)
 * @param connectivity   fraction of the N units each gate's recurrent row reads, in (0, 1]
 * @param spectralRadius approximate spectral radius of each recurrent gate matrix (> 0): entries are
 *                       N(0, ρ²/k) with k inputs per row, whose radius tends to ρ as N grows (circular law); not
 *                       measured, because a gated cell's dynamics are not set by one matrix anyway
 * @param inputScaling   input weights are uniform in [−s, s] (> 0), dense
 * @param biasScaling    biases are uniform in [−s, s] (≥ 0)
 * @param seed           seed of all weights
 */
public record LstmSpec(int units, double connectivity, double spectralRadius, double inputScaling, double biasScaling,
        long seed) implements ReservoirSpec {
    static final byte KIND = 4;

    public LstmSpec {
        Checks.atLeast("lstm units", units, 1);
        Checks.atMost("lstm units", units, 100_000);
        Checks.inHalfOpen("lstm connectivity", connectivity, 0, 1);
        Checks.positive("lstm spectralRadius", spectralRadius);
        Checks.positive("lstm inputScaling", inputScaling);
        Checks.nonNegative("lstm biasScaling", biasScaling);
    }

    /** 100 units, 10% connectivity, ρ ≈ 1, inputs in [−1, 1], biases in [−0.2, 0.2]. */
    public static LstmSpec defaults() {
        return new LstmSpec(100, 0.1, 1.0, 1.0, 0.2, 42L);
    }

    public LstmSpec withUnits(int n) {
        return new LstmSpec(n, connectivity, spectralRadius, inputScaling, biasScaling, seed);
    }

    @Override
    public RandomLstmCell build(int inputSize) {
        return RandomLstmCell.create(this, inputSize);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(KIND);
        out.writeInt(units);
        out.writeDouble(connectivity);
        out.writeDouble(spectralRadius);
        out.writeDouble(inputScaling);
        out.writeDouble(biasScaling);
        out.writeLong(seed);
    }

    static LstmSpec readFields(DataInput in) throws IOException {
        return new LstmSpec(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readLong());
    }
}
