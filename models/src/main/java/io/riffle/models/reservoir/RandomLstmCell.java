package io.riffle.models.reservoir;

/**
 * A long short-term memory cell (Hochreiter and Schmidhuber 1997; forget gate of Gers, Schmidhuber and Cummins 2000)
 * with random, fixed weights used as a reservoir: a classical baseline of Chen, Fry, Deshmukh, Rastunkov and Stefanski
 * 2022, "Reservoir Computing via Quantum Recurrent Neural Networks".
 *
 * <pre>
 *   i = σ(W_i u + U_i h + b_i)    f = σ(W_f u + U_f h + b_f + 1)    o = σ(W_o u + U_o h + b_o)
 *   g = tanh(W_g u + U_g h + b_g)
 *   c' = f ⊙ c + i ⊙ g;           h' = o ⊙ tanh(c')
 * </pre>
 *
 * The forget gate's bias is offset by +1 (Jozefowicz, Zaremba and Sutskever 2015) so the random cell remembers by
 * default. The readout sees h; per-key state is {@code [h (N), c (N)]}; work: N. Immutable and thread-safe;
 * {@link #step} allocates nothing; NaN input is rejected.
 */
public final class RandomLstmCell implements ReservoirCell {
    private final GatedCellSpec spec;
    private final int n;
    private final int d;
    private final GatedWeights inGate;
    private final GatedWeights forgetGate;
    private final GatedWeights outGate;
    private final GatedWeights cellGate;

    private RandomLstmCell(GatedCellSpec spec, int d) {
        this.spec = spec;
        this.n = spec.units();
        this.d = d;
        this.inGate = spec.gate(d, 31, 0.0);
        this.forgetGate = spec.gate(d, 32, 1.0);
        this.outGate = spec.gate(d, 33, 0.0);
        this.cellGate = spec.gate(d, 34, 0.0);
    }

    public static RandomLstmCell create(GatedCellSpec spec, int inputSize) {
        Checks.atLeast("reservoir input size", inputSize, 1);
        return new RandomLstmCell(spec, inputSize);
    }

    @Override
    public GatedCellSpec spec() {
        return spec;
    }

    @Override
    public int inputSize() {
        return d;
    }

    @Override
    public int units() {
        return n;
    }

    /** {@code [h (N), c (N)]}. */
    @Override
    public int stateSize() {
        return 2 * n;
    }

    @Override
    public int workSize() {
        return n;
    }

    @Override
    public void initialState(double[] state) {
        java.util.Arrays.fill(state, 0, 2 * n, 0.0);
    }

    @Override
    public void step(double[] input, double[] state, double[] work, boolean adapt) {
        ReservoirCell.checkStep(this, input, state, work);
        // Every gate reads the old h, so new h goes to work first; c_i is read and written only by row i.
        for (int i = 0; i < n; i++) {
            double ig = GatedWeights.sigmoid(inGate.preActivation(i, input, d, state, 0));
            double fg = GatedWeights.sigmoid(forgetGate.preActivation(i, input, d, state, 0));
            double og = GatedWeights.sigmoid(outGate.preActivation(i, input, d, state, 0));
            double g = Math.tanh(cellGate.preActivation(i, input, d, state, 0));
            double c = fg * state[n + i] + ig * g;
            state[n + i] = c;
            work[i] = og * Math.tanh(c);
        }
        System.arraycopy(work, 0, state, 0, n);
    }
}
