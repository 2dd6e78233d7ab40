package io.riffle.models.reservoir;

/**
 * A fixed random recurrent cell used as a reservoir: its weights are generated once from a {@link ReservoirSpec}
 * (seed included) and shared, immutable and thread-safe, by every key; each key owns only a small state vector.
 *
 * <p>The per-key state is one flat {@code double[stateSize()]}: its first {@link #units()} entries are the
 * activations the readout sees; what follows is cell-specific (an LSTM's cell vector, the E/I reservoir's per-unit
 * inhibitory gains). {@link #step} advances it in place, using a caller-provided scratch buffer of
 * {@link #workSize()} doubles, and allocates nothing.
 *
 * <p>NaN or infinite inputs are rejected with {@link IllegalArgumentException} before the state is touched.
 */
public interface ReservoirCell {
    /** The configuration these weights were generated from. */
    ReservoirSpec spec();

    /** Input dimension d (≥ 1). */
    int inputSize();

    /** Number of units N: the activations {@code state[0..N)} that feed the readout. */
    int units();

    /** Length of the per-key state vector (≥ {@link #units()}). */
    int stateSize();

    /** Length of the scratch buffer {@link #step} needs. */
    int workSize();

    /** Writes the initial per-key state (activations 0, adaptation variables at their start values). */
    void initialState(double[] state);

    /**
     * Advances the state by one input: {@code state ← f(state, input)}.
     *
     * @param input {@link #inputSize()} finite values; read only
     * @param state the per-key state, updated in place
     * @param work  scratch of at least {@link #workSize()} doubles; overwritten
     * @param adapt whether per-key adaptation (if the cell has any) may change; closed-loop forecasts pass false so a
     *              forecast never moves the key's adaptation state. Cells without adaptation ignore it.
     * @throws IllegalArgumentException on a wrong length or a non-finite input (state unchanged)
     */
    void step(double[] input, double[] state, double[] work, boolean adapt);

    /** Shared argument checks for implementations. */
    static void checkStep(ReservoirCell cell, double[] input, double[] state, double[] work) {
        if (input.length != cell.inputSize()) {
            throw new IllegalArgumentException("reservoir input must have " + cell.inputSize() + " values, got "
                    + input.length);
        }
        if (state.length != cell.stateSize()) {
            throw new IllegalArgumentException("reservoir state must have " + cell.stateSize() + " values, got "
                    + state.length);
        }
        if (work.length < cell.workSize()) {
            throw new IllegalArgumentException("reservoir work buffer must have at least " + cell.workSize()
                    + " values, got " + work.length);
        }
        for (int j = 0; j < input.length; j++) {
            if (!Double.isFinite(input[j])) {
                throw new IllegalArgumentException("reservoir input[" + j + "] is " + input[j]
                        + ": non-finite values are rejected (dead-letter them upstream)");
            }
        }
    }
}
