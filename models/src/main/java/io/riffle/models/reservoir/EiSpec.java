package io.riffle.models.reservoir;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Hyperparameters of the excitatory/inhibitory reservoir with self-adapting inhibition ({@link
 * ExcitatoryInhibitoryReservoir}; Srinivasan, Plenz and Girvan 2025, "Boosting Reservoir Computing with
 * Brain-inspired Adaptive Dynamics", arXiv:2504.12480).
 *
 * @param units                 N (2..100000)
 * @param excitatoryFraction    fraction of excitatory units f_E in (0, 1); the rest are inhibitory (at least one of
 *                              each)
 * @param connectivity          fraction of each population a unit receives input from, in (0, 1]: in-degrees
 *                              k_E = max(1, round(c·N_E)) and k_I = max(1, round(c·N_I))
 * @param spectralRadius        spectral radius of the signed matrix W = W_E − W_I with all gains 1 (> 0). The units
 *                              are logistic (slope ≤ 1/4), so values around 4 correspond to ρ ≈ 1 for tanh units
 * @param inhibitionBalance     ratio of mean inhibitory to mean excitatory input at equal rates (> 0): 1 balanced,
 *                              above 1 over-inhibited
 * @param leakRate              leak a in (0, 1]
 * @param inputScaling          magnitude of the ±input weights (> 0)
 * @param inputConnectivity     probability that a (unit, input) weight and a unit's bias are present, in (0, 1]
 * @param biasScaling           magnitude of the ±bias (≥ 0)
 * @param targetRateMin         lowest target rate ρ_i, in (0, 1)
 * @param targetRateMax         highest target rate, in [targetRateMin, 1); targets are drawn uniformly in
 *                              [min, max] from the seed (equal bounds give homogeneous targets)
 * @param adaptationRate        η ≥ 0 of the gain rule; 0 switches adaptation off (the same reservoir, non-adaptive)
 * @param initialInhibitoryGain g_i at the start of every key (≥ 0)
 * @param maxInhibitoryGain     upper clamp of g_i (≥ initialInhibitoryGain), so a unit that cannot reach its target
 *                              does not wind its gain up without bound
 * @param seed                  seed of all weights and targets
 */
public record EiSpec(int units, double excitatoryFraction, double connectivity, double spectralRadius,
        double inhibitionBalance, double leakRate, double inputScaling, double inputConnectivity, double biasScaling,
        double targetRateMin, double targetRateMax, double adaptationRate, double initialInhibitoryGain,
        double maxInhibitoryGain, long seed) implements ReservoirSpec {
    static final byte KIND = 2;

    public EiSpec {
        Checks.atLeast("ei units", units, 2);
        Checks.atMost("ei units", units, 100_000);
        if (!(excitatoryFraction > 0 && excitatoryFraction < 1)) {
            throw new IllegalArgumentException("ei excitatoryFraction must be in (0, 1), got " + excitatoryFraction);
        }
        Checks.inHalfOpen("ei connectivity", connectivity, 0, 1);
        Checks.positive("ei spectralRadius", spectralRadius);
        Checks.positive("ei inhibitionBalance", inhibitionBalance);
        Checks.inHalfOpen("ei leakRate", leakRate, 0, 1);
        Checks.positive("ei inputScaling", inputScaling);
        Checks.inHalfOpen("ei inputConnectivity", inputConnectivity, 0, 1);
        Checks.nonNegative("ei biasScaling", biasScaling);
        if (!(targetRateMin > 0 && targetRateMin < 1)) {
            throw new IllegalArgumentException("ei targetRateMin must be in (0, 1), got " + targetRateMin);
        }
        if (!(targetRateMax >= targetRateMin && targetRateMax < 1)) {
            throw new IllegalArgumentException("ei targetRateMax must be in [targetRateMin=" + targetRateMin
                    + ", 1), got " + targetRateMax);
        }
        Checks.nonNegative("ei adaptationRate", adaptationRate);
        Checks.nonNegative("ei initialInhibitoryGain", initialInhibitoryGain);
        if (!(maxInhibitoryGain >= initialInhibitoryGain) || !Double.isFinite(maxInhibitoryGain)) {
            throw new IllegalArgumentException("ei maxInhibitoryGain must be finite and >= initialInhibitoryGain="
                    + initialInhibitoryGain + ", got " + maxInhibitoryGain);
        }
        int excitatory = excitatoryCount(units, excitatoryFraction);
        if (excitatory < 1 || excitatory > units - 1) {
            throw new IllegalArgumentException("ei excitatoryFraction=" + excitatoryFraction + " with units=" + units
                    + " leaves a population empty: need at least one excitatory and one inhibitory unit");
        }
    }

    static int excitatoryCount(int units, double fraction) {
        return (int) Math.round(units * fraction);
    }

    /**
     * Defaults: 100 units, 80% excitatory (Dale's law, the cortical ratio), 10% connectivity, balanced (1.0), ρ = 2
     * (logistic units), no leak (a = 1), inputs ±0.3 and bias ±0.2 into every unit, heterogeneous target rates in
     * [0.2, 0.4], η = 2e-3, gains start at 1 and are clamped to [0, 20]. Chosen on a memory-capacity grid (ρ, balance,
     * targets, η; see ReservoirBench): with these targets every unit's time-averaged rate settles within 0.01 of its
     * target in about 40 000 steps. Targets the network cannot reach (here [0.1, 0.3]) make gains wind up to the clamp:
     * lowering the inhibitory units' own rates removes the inhibition the excitatory ones need (the paradoxical effect
     * of inhibition-stabilised networks). ρ ≥ 4 or η ≥ 1e-2 can drive the adapted network into a population
     * oscillation that lowers memory capacity.
     */
    public static EiSpec defaults() {
        return new EiSpec(100, 0.8, 0.1, 2.0, 1.0, 1.0, 0.3, 1.0, 0.2, 0.2, 0.4, 2e-3, 1.0, 20.0, 42L);
    }

    public EiSpec withUnits(int n) {
        return new EiSpec(n, excitatoryFraction, connectivity, spectralRadius, inhibitionBalance, leakRate,
                inputScaling, inputConnectivity, biasScaling, targetRateMin, targetRateMax, adaptationRate,
                initialInhibitoryGain, maxInhibitoryGain, seed);
    }

    public EiSpec withAdaptation(double eta) {
        return new EiSpec(units, excitatoryFraction, connectivity, spectralRadius, inhibitionBalance, leakRate,
                inputScaling, inputConnectivity, biasScaling, targetRateMin, targetRateMax, eta, initialInhibitoryGain,
                maxInhibitoryGain, seed);
    }

    public EiSpec withTargets(double min, double max) {
        return new EiSpec(units, excitatoryFraction, connectivity, spectralRadius, inhibitionBalance, leakRate,
                inputScaling, inputConnectivity, biasScaling, min, max, adaptationRate, initialInhibitoryGain,
                maxInhibitoryGain, seed);
    }

    public EiSpec withDynamics(double rho, double balance, double leak) {
        return new EiSpec(units, excitatoryFraction, connectivity, rho, balance, leak, inputScaling,
                inputConnectivity, biasScaling, targetRateMin, targetRateMax, adaptationRate, initialInhibitoryGain,
                maxInhibitoryGain, seed);
    }

    public EiSpec withInput(double scaling, double inputConn, double bias) {
        return new EiSpec(units, excitatoryFraction, connectivity, spectralRadius, inhibitionBalance, leakRate,
                scaling, inputConn, bias, targetRateMin, targetRateMax, adaptationRate, initialInhibitoryGain,
                maxInhibitoryGain, seed);
    }

    public EiSpec withSeed(long s) {
        return new EiSpec(units, excitatoryFraction, connectivity, spectralRadius, inhibitionBalance, leakRate,
                inputScaling, inputConnectivity, biasScaling, targetRateMin, targetRateMax, adaptationRate,
                initialInhibitoryGain, maxInhibitoryGain, s);
    }

    @Override
    public ExcitatoryInhibitoryReservoir build(int inputSize) {
        return ExcitatoryInhibitoryReservoir.create(this, inputSize);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(KIND);
        out.writeInt(units);
        out.writeDouble(excitatoryFraction);
        out.writeDouble(connectivity);
        out.writeDouble(spectralRadius);
        out.writeDouble(inhibitionBalance);
        out.writeDouble(leakRate);
        out.writeDouble(inputScaling);
        out.writeDouble(inputConnectivity);
        out.writeDouble(biasScaling);
        out.writeDouble(targetRateMin);
        out.writeDouble(targetRateMax);
        out.writeDouble(adaptationRate);
        out.writeDouble(initialInhibitoryGain);
        out.writeDouble(maxInhibitoryGain);
        out.writeLong(seed);
    }

    static EiSpec readFields(DataInput in) throws IOException {
        return new EiSpec(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readDouble(), in.readDouble(), in.readDouble(), in.readLong());
    }
}
