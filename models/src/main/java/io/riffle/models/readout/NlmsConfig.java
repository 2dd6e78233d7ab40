package io.riffle.models.readout;

import io.riffle.models.reservoir.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Normalised least-mean-squares readout settings ({@link NlmsReadout}; Haykin, "Adaptive Filter Theory", ch. 6).
 *
 * @param stepSize μ in (0, 2): the normalised step (stable for 0 &lt; μ &lt; 2; 1 solves the current pair exactly)
 * @param epsilon  ε > 0 added to ‖φ‖² so the step stays bounded when φ is small
 */
public record NlmsConfig(double stepSize, double epsilon) implements ReadoutSpec {
    static final byte KIND = 2;

    public NlmsConfig {
        if (!(stepSize > 0 && stepSize < 2)) {
            throw new IllegalArgumentException("nlms stepSize must be in (0, 2), got " + stepSize);
        }
        Checks.positive("nlms epsilon", epsilon);
    }

    /**
     * μ = 0.3, ε = 1e-3: the best of μ ∈ {0.05 … 1} on the online NRMSE of the Mackey-Glass file, Santa Fe laser and
     * sunspots with {@link io.riffle.models.reservoir.EsnSpec#defaults()} (all below persistence, all well above RLS).
     */
    public static NlmsConfig defaults() {
        return new NlmsConfig(0.3, 1e-3);
    }

    @Override
    public NlmsReadout create(int features, int outputs) {
        return new NlmsReadout(this, features, outputs);
    }

    @Override
    public NlmsReadout read(DataInput in, int features, int outputs) throws IOException {
        return NlmsReadout.read(this, in, features, outputs);
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.writeByte(KIND);
        out.writeDouble(stepSize);
        out.writeDouble(epsilon);
    }
}
