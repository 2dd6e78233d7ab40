package io.riffle.models.reservoir.forecast;

import io.riffle.models.readout.FeatureLayout;
import io.riffle.models.readout.ReadoutSpec;
import io.riffle.models.readout.RlsConfig;
import io.riffle.models.reservoir.Checks;
import io.riffle.models.reservoir.EsnSpec;
import io.riffle.models.reservoir.ReservoirSpec;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Configuration of a per-key {@link SeriesForecaster}.
 *
 * @param reservoir       the reservoir (weights from its seed, shared by all keys)
 * @param readout         the online readout ({@link RlsConfig} or {@link io.riffle.models.readout.NlmsConfig})
 * @param features        what the readout sees (state, input, bias)
 * @param horizon         forecasts per point, h ≥ 1 (1..10000): y(t+1..t+h), horizons beyond 1 in closed loop
 * @param washout         forecasts made at the first {@code washout} points of a key are flagged not warm, and their
 *                        errors are not counted in the key's NRMSE (≥ 0)
 * @param trainAfter      states x(t) with t &lt; trainAfter do not train the readout: the transient from the zero
 *                        initial state (0 ≤ trainAfter ≤ washout)
 * @param normalizeInputs feed the reservoir (u − mean)/std with the key's running mean and std (Welford), so series
 *                        of any scale drive it in its working range; the readout's targets stay in the raw scale
 * @param refitEvery      every this many readout updates, replace the readout by the exact ridge solution of the
 *                        same weighted data (0 = off; costs F² more doubles per key and F³/3 flops per refit)
 * @param refitRidge      ridge penalty of that refit (> 0 when refitEvery > 0)
 */
public record ForecasterConfig(ReservoirSpec reservoir, ReadoutSpec readout, FeatureLayout features, int horizon,
        int washout, int trainAfter, boolean normalizeInputs, int refitEvery, double refitRidge) {
    public ForecasterConfig {
        if (reservoir == null || readout == null || features == null) {
            throw new IllegalArgumentException("forecaster reservoir, readout and features must be set");
        }
        Checks.atLeast("forecaster horizon", horizon, 1);
        Checks.atMost("forecaster horizon", horizon, 10_000);
        Checks.atLeast("forecaster washout", washout, 0);
        Checks.atLeast("forecaster trainAfter", trainAfter, 0);
        if (trainAfter > washout) {
            throw new IllegalArgumentException("forecaster trainAfter must be <= washout=" + washout + ", got "
                    + trainAfter);
        }
        Checks.atLeast("forecaster refitEvery", refitEvery, 0);
        if (refitEvery > 0) {
            Checks.positive("forecaster refitRidge", refitRidge);
        } else {
            Checks.nonNegative("forecaster refitRidge", refitRidge);
        }
    }

    /**
     * ESN {@link EsnSpec#defaults()}, RLS {@link RlsConfig#defaults()}, features state + input + bias, horizon 1,
     * washout 100, trainAfter 20, normalised inputs, no refit.
     */
    public static ForecasterConfig defaults() {
        return new ForecasterConfig(EsnSpec.defaults(), RlsConfig.defaults(), FeatureLayout.defaults(), 1, 100, 20,
                true, 0, 1e-6);
    }

    public ForecasterConfig withReservoir(ReservoirSpec r) {
        return new ForecasterConfig(r, readout, features, horizon, washout, trainAfter, normalizeInputs, refitEvery,
                refitRidge);
    }

    public ForecasterConfig withReadout(ReadoutSpec r) {
        return new ForecasterConfig(reservoir, r, features, horizon, washout, trainAfter, normalizeInputs, refitEvery,
                refitRidge);
    }

    public ForecasterConfig withFeatures(FeatureLayout f) {
        return new ForecasterConfig(reservoir, readout, f, horizon, washout, trainAfter, normalizeInputs, refitEvery,
                refitRidge);
    }

    public ForecasterConfig withHorizon(int h) {
        return new ForecasterConfig(reservoir, readout, features, h, washout, trainAfter, normalizeInputs, refitEvery,
                refitRidge);
    }

    public ForecasterConfig withWashout(int w, int train) {
        return new ForecasterConfig(reservoir, readout, features, horizon, w, train, normalizeInputs, refitEvery,
                refitRidge);
    }

    public ForecasterConfig withNormalizeInputs(boolean normalize) {
        return new ForecasterConfig(reservoir, readout, features, horizon, washout, trainAfter, normalize, refitEvery,
                refitRidge);
    }

    public ForecasterConfig withRefit(int every, double ridge) {
        return new ForecasterConfig(reservoir, readout, features, horizon, washout, trainAfter, normalizeInputs, every,
                ridge);
    }

    /**
     * The settings that give per-key state its meaning: the reservoir (its weights), the feature layout, the readout
     * kind, input normalisation and whether a ridge accumulator is kept. Readout hyperparameters (λ, δ, μ), horizon
     * and washout may change between a checkpoint and a restore; these may not.
     */
    void writeStateShaping(DataOutput out, int dims) throws IOException {
        reservoir.write(out);
        out.writeInt(dims);
        out.writeBoolean(features.includeInput());
        out.writeBoolean(features.includeBias());
        out.writeByte(readout instanceof RlsConfig ? 1 : 2); // readout kind: 1 RLS, 2 NLMS
        out.writeBoolean(normalizeInputs);
        out.writeBoolean(refitEvery > 0);
    }
}
