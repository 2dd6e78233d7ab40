package io.riffle.models.readout;

/**
 * What the linear readout sees: the reservoir activations, optionally followed by the current input and a constant
 * 1 (ReservoirPy's {@code Ridge(input_bias=True)} and "input-to-readout" connections):
 *
 * <pre>
 *   φ(t) = [ x(t) ; u(t) (if includeInput) ; 1 (if includeBias) ]
 * </pre>
 *
 * <p>With the input included, the persistence forecast y(t+1) = u(t) lies in the readout's span, so an online
 * readout starts from a model class that contains the naive baseline.
 *
 * @param includeInput append the (normalised) input u(t)
 * @param includeBias  append a constant 1
 */
public record FeatureLayout(boolean includeInput, boolean includeBias) {
    /** State, input and bias. */
    public static FeatureLayout defaults() {
        return new FeatureLayout(true, true);
    }

    /** Reservoir state and bias only (ReservoirPy's default {@code Ridge}). */
    public static FeatureLayout stateAndBias() {
        return new FeatureLayout(false, true);
    }

    /** Length of φ for N units and d inputs. */
    public int size(int units, int inputs) {
        return units + (includeInput ? inputs : 0) + (includeBias ? 1 : 0);
    }

    /**
     * Writes φ into {@code phi[0..size)}: {@code state[0..units)}, then {@code input} (if included), then 1 (if
     * included). Reads {@code state} and {@code input} only.
     */
    public void fill(double[] state, int units, double[] input, double[] phi) {
        System.arraycopy(state, 0, phi, 0, units);
        int k = units;
        if (includeInput) {
            System.arraycopy(input, 0, phi, k, input.length);
            k += input.length;
        }
        if (includeBias) {
            phi[k] = 1.0;
        }
    }
}
