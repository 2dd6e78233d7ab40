package io.riffle.models.readout;

import io.riffle.models.reservoir.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Recursive least squares readout settings ({@link RlsReadout}; Haykin, "Adaptive Filter Theory", ch. 10).
 *
 * @param forgetting  λ in (0, 1]: the weight of a pair k steps old is λ^k (1 = no forgetting; effective memory
 *                    about 1/(1−λ) pairs)
 * @param delta       δ > 0: P₀ = I/δ, equivalent to a ridge penalty δ‖W‖² (decaying as λ^t) — smaller trusts the data
 *                    sooner
 * @param traceBound  bound on trace(P) as a multiple of its initial value F/δ (> 0); when exceeded P is rescaled to
 *                    it (constant-trace RLS). Without a bound, λ < 1 and poorly exciting input make P grow as λ^−t in
 *                    unexcited directions until the update overflows to NaN
 */
public record RlsConfig(double forgetting, double delta, double traceBound) implements ReadoutSpec {
    static final byte KIND = 1;

    public RlsConfig {
        Checks.inHalfOpen("rls forgetting", forgetting, 0, 1);
        Checks.positive("rls delta", delta);
        Checks.positive("rls traceBound", traceBound);
    }

    /**
     * λ = 0.999 (memory ≈ 1000 pairs: keep 1/(1−λ) several times F, e.g. λ = 0.9999 for a few hundred units),
     * δ = 1e-2, trace bounded by its initial value. Tuned with {@link io.riffle.models.reservoir.EsnSpec#defaults()}.
     */
    public static RlsConfig defaults() {
        return new RlsConfig(0.999, 1e-2, 1.0);
    }

    public RlsConfig withForgetting(double lambda) {
        return new RlsConfig(lambda, delta, traceBound);
    }

    public RlsConfig withDelta(double d) {
        return new RlsConfig(forgetting, d, traceBound);
    }

    @Override
    public RlsReadout create(int features, int outputs) {
        return new RlsReadout(this, features, outputs);
    }

    @Override
    public RlsReadout read(DataInput in, int features, int outputs) throws IOException {
        return RlsReadout.read(this, in, features, outputs);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(KIND);
        out.writeDouble(forgetting);
        out.writeDouble(delta);
        out.writeDouble(traceBound);
    }
}
