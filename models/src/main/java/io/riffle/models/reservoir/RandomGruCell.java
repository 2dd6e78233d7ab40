package io.riffle.models.reservoir;

/**
 * A gated recurrent unit (Cho et al. 2014, "Learning Phrase Representations using RNN Encoder-Decoder") with random,
 * fixed weights used as a reservoir: a classical baseline of Chen, Fry, Deshmukh, Rastunkov and Stefanski 2022,
 * "Reservoir Computing via Quantum Recurrent Neural Networks".
 *
 * <pre>
 *   z  = σ(W_z u + U_z h + b_z)              update gate
 *   r  = σ(W_r u + U_r h + b_r)              reset gate
 *   ĥ  = tanh(W_h u + U_h (r ⊙ h) + b_h)
 *   h' = (1 − z) ⊙ h + z ⊙ ĥ
 * </pre>
 *
 * <p>Weights per {@link GatedCellSpec}, one seeded stream per gate. Per-key state: h (N). Work: 2N (z, r ⊙ h). Immutable
 * and thread-safe; {@link #step} allocates nothing; NaN input is rejected.
 */
public final class RandomGruCell implements ReservoirCell {
    private final GatedCellSpec spec;
    private final int n;
    private final int d;
    private final GatedWeights zGate;
    private final GatedWeights rGate;
    private final GatedWeights hGate;

    private RandomGruCell(GatedCellSpec spec, int d) {
        this.spec = spec;
        this.n = spec.units();
        this.d = d;
        this.zGate = spec.gate(d, 21, 0.0);
        this.rGate = spec.gate(d, 22, 0.0);
        this.hGate = spec.gate(d, 23, 0.0);
    }

    public static RandomGruCell create(GatedCellSpec spec, int inputSize) {
        Checks.atLeast("reservoir input size", inputSize, 1);
        return new RandomGruCell(spec, inputSize);
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

    @Override
    public int stateSize() {
        return n;
    }

    @Override
    public int workSize() {
        return 2 * n;
    }

    @Override
    public void initialState(double[] state) {
        java.util.Arrays.fill(state, 0, n, 0.0);
    }

    @Override
    public void step(double[] input, double[] state, double[] work, boolean adapt) {
        ReservoirCell.checkStep(this, input, state, work);
        for (int i = 0; i < n; i++) {
            work[i] = GatedWeights.sigmoid(zGate.preActivation(i, input, d, state, 0));
            work[n + i] = GatedWeights.sigmoid(rGate.preActivation(i, input, d, state, 0)) * state[i];
        }
        // h is overwritten row by row: ĥ_i reads r ⊙ h from work, never h itself, so the order is safe.
        for (int i = 0; i < n; i++) {
            double candidate = Math.tanh(hGate.preActivation(i, input, d, work, n));
            double z = work[i];
            state[i] = (1.0 - z) * state[i] + z * candidate;
        }
    }
}
