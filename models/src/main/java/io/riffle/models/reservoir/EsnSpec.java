package io.riffle.models.reservoir;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Echo-state network hyperparameters (Jaeger 2001, "The 'echo state' approach to analysing and training recurrent
 * neural networks", GMD Report 148; leaky units as in Jaeger et al. 2007 and Lukoševičius 2012). See
 * {@link EchoStateNetwork} for the update equation.
 *
 * @param units             N, number of units (1..100000)
 * @param connectivity      fraction of the N possible recurrent inputs each unit receives, in (0, 1]; the in-degree is
 *                          max(1, round(connectivity·N))
 * @param spectralRadius    target spectral radius ρ of W (> 0); W is rescaled to it exactly
 * @param leakRate          leak rate a in (0, 1]: 1 is a plain (non-leaky) ESN, smaller is slower
 * @param inputScaling      magnitude of the input weights (> 0): each present input weight is ±inputScaling
 * @param inputConnectivity probability that a given (unit, input) weight — and a unit's bias — is present, in (0, 1]
 * @param biasScaling       magnitude of the bias (≥ 0): each present bias is ±biasScaling
 * @param seed              seed of all weights
 */
public record EsnSpec(int units, double connectivity, double spectralRadius, double leakRate, double inputScaling,
        double inputConnectivity, double biasScaling, long seed) implements ReservoirSpec {
    static final byte KIND = 1;

    public EsnSpec {
        Checks.atLeast("esn units", units, 1);
        Checks.atMost("esn units", units, 100_000);
        Checks.inHalfOpen("esn connectivity", connectivity, 0, 1);
        Checks.positive("esn spectralRadius", spectralRadius);
        Checks.inHalfOpen("esn leakRate", leakRate, 0, 1);
        Checks.positive("esn inputScaling", inputScaling);
        Checks.inHalfOpen("esn inputConnectivity", inputConnectivity, 0, 1);
        Checks.nonNegative("esn biasScaling", biasScaling);
    }

    /**
     * Defaults for online one-step forecasting of (normalised) scalar series: 100 units, 10% recurrent connectivity,
     * ρ = 1.25, leak 0.3, input weights ±0.3 into every unit, bias ±0.2. Chosen on a grid over ρ, leak, input
     * scaling, bias and connectivity with the RLS defaults, scored on the online NRMSE of the Mackey-Glass file, the
     * Santa Fe laser and the monthly sunspots (all three well below persistence; see ReservoirBench).
     */
    public static EsnSpec defaults() {
        return new EsnSpec(100, 0.1, 1.25, 0.3, 0.3, 1.0, 0.2, 42L);
    }

    /**
     * ReservoirPy's {@code Reservoir} defaults with the settings of its Mackey-Glass example (100 units,
     * {@code sr=1.25, lr=0.3}, input and bias ±1 at 10% connectivity, W normal at 10% connectivity).
     */
    public static EsnSpec reservoirPyExample() {
        return new EsnSpec(100, 0.1, 1.25, 0.3, 1.0, 0.1, 1.0, 42L);
    }

    public EsnSpec withUnits(int n) {
        return new EsnSpec(n, connectivity, spectralRadius, leakRate, inputScaling, inputConnectivity, biasScaling,
                seed);
    }

    public EsnSpec withSpectralRadius(double rho) {
        return new EsnSpec(units, connectivity, rho, leakRate, inputScaling, inputConnectivity, biasScaling, seed);
    }

    public EsnSpec withLeakRate(double a) {
        return new EsnSpec(units, connectivity, spectralRadius, a, inputScaling, inputConnectivity, biasScaling, seed);
    }

    public EsnSpec withInput(double scaling, double inputConn, double bias) {
        return new EsnSpec(units, connectivity, spectralRadius, leakRate, scaling, inputConn, bias, seed);
    }

    public EsnSpec withSeed(long s) {
        return new EsnSpec(units, connectivity, spectralRadius, leakRate, inputScaling, inputConnectivity, biasScaling,
                s);
    }

    @Override
    public EchoStateNetwork build(int inputSize) {
        return EchoStateNetwork.create(this, inputSize);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(KIND);
        out.writeInt(units);
        out.writeDouble(connectivity);
        out.writeDouble(spectralRadius);
        out.writeDouble(leakRate);
        out.writeDouble(inputScaling);
        out.writeDouble(inputConnectivity);
        out.writeDouble(biasScaling);
        out.writeLong(seed);
    }

    static EsnSpec readFields(DataInput in) throws IOException {
        return new EsnSpec(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readDouble(), in.readDouble(), in.readLong());
    }
}
