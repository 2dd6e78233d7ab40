package io.riffle.models.reservoir;

/**
 * An excitatory/inhibitory reservoir that obeys Dale's law and adapts each unit's inhibition toward a target firing
 * rate, after Srinivasan, Plenz and Girvan 2025, "Boosting Reservoir Computing with Brain-inspired Adaptive Dynamics"
 * (arXiv:2504.12480).
 *
 * <p><b>Dynamics.</b> Units 0..N_E−1 are excitatory, N_E..N−1 inhibitory; activations are firing rates in (0, 1):
 *
 * <pre>
 *   z_i(t) = b_i + Σ_j W_in[i,j] u_j(t) + Σ_{j∈E} W_E[i,j] x_j(t−1) − g_i Σ_{j∈I} W_I[i,j] x_j(t−1)
 *   x_i(t) = (1 − a) x_i(t−1) + a σ(z_i(t)),      σ(z) = 1 / (1 + e^{−z})
 * </pre>
 *
 * with W_E, W_I ≥ 0. Column j of the signed matrix W = W_E − W_I is therefore all ≥ 0 (j excitatory) or all ≤ 0 (j
 * inhibitory): Dale's law, and it still holds after adaptation because the gains are kept ≥ 0.
 *
 * <p><b>Self-adaptation (per key).</b> Each unit i has a target rate ρ_i and an inhibitory gain g_i, updated after
 * every step in which adaptation is allowed:
 *
 * <pre>
 *   g_i ← clamp( g_i + η (x_i(t) − ρ_i), 0, g_max )
 * </pre>
 *
 * A unit firing above its target gets more inhibition, one below gets less; at equilibrium the time average of x_i is
 * ρ_i. x_i, being a leaky average of σ(z_i), is itself the running activity measure. Targets are heterogeneous when
 * {@code targetRateMin < targetRateMax} (drawn uniformly from the seed), which the paper reports helps across linear
 * and non-linear tasks. Every unit adapts, inhibitory ones included; targets below what the network can sustain are
 * not reached (see {@link EiSpec#defaults()}), and the clamp keeps the gains bounded when that happens.
 *
 * <p><b>What is from the paper and what is ours.</b> The paper's full text was not available while writing this. Its
 * abstract states the mechanism: a local, self-adapting adjustment of each neuron's E/I balance toward target firing
 * rates, with heterogeneous targets, in a sigmoid-rate reservoir obeying Dale's law; a secondary description of its
 * equation 7 gives the update of a unit's inhibitory input as proportional to (r_i − ρ_i). We implement that as a
 * multiplicative gain g_i on unit i's total inhibitory input (equivalently, scaling every inhibitory synapse onto i
 * by the same factor), with the explicit clamp above. The construction (fixed in-degrees, half-normal magnitudes, a
 * balance factor, rescaling to a spectral radius, a leak) is ours, in the ESN tradition, so that this cell is
 * comparable with {@link EchoStateNetwork}. Treat it as a homeostatic rule in the spirit of the paper, not a
 * reproduction of it.
 *
 * <p><b>Weights</b> (all from the seed, independent streams): each unit receives k_E = max(1, round(c·N_E)) excitatory
 * and k_I = max(1, round(c·N_I)) inhibitory inputs, magnitudes |N(0,1)|; inhibitory magnitudes are multiplied by
 * {@code inhibitionBalance}·k_E/k_I so that, at equal rates, mean inhibition equals balance × mean excitation. The
 * signed matrix (gains 1) is then rescaled to {@code spectralRadius}. Inputs and bias are ±scaling (Bernoulli), as in
 * the ESN.
 *
 * <p>Per-key state: {@code [x (N), g (N)]}. Immutable and thread-safe; {@link #step} allocates nothing; NaN input is
 * rejected.
 */
public final class ExcitatoryInhibitoryReservoir implements ReservoirCell {
    static final long STREAM_E = 11;
    static final long STREAM_I = 12;
    static final long STREAM_IN = 13;
    static final long STREAM_BIAS = 14;
    static final long STREAM_TARGETS = 15;
    static final long STREAM_POWER = 16;

    private final EiSpec spec;
    private final int n;
    private final int d;
    private final int excitatory;
    private final SparseMatrix wE;
    private final SparseMatrix wI;
    private final double[] win;
    private final double[] bias;
    private final double[] targets;
    private final double leak;
    private final double eta;
    private final double gMax;

    private ExcitatoryInhibitoryReservoir(EiSpec spec, int d, int excitatory, SparseMatrix wE, SparseMatrix wI,
            double[] win, double[] bias, double[] targets) {
        this.spec = spec;
        this.n = spec.units();
        this.d = d;
        this.excitatory = excitatory;
        this.wE = wE;
        this.wI = wI;
        this.win = win;
        this.bias = bias;
        this.targets = targets;
        this.leak = spec.leakRate();
        this.eta = spec.adaptationRate();
        this.gMax = spec.maxInhibitoryGain();
    }

    public static ExcitatoryInhibitoryReservoir create(EiSpec spec, int inputSize) {
        Checks.atLeast("reservoir input size", inputSize, 1);
        int n = spec.units();
        int ne = EiSpec.excitatoryCount(n, spec.excitatoryFraction());
        int ni = n - ne;
        int kE = Math.max(1, (int) Math.round(spec.connectivity() * ne));
        int kI = Math.max(1, (int) Math.round(spec.connectivity() * ni));
        SeededRandom eRng = SeededRandom.stream(spec.seed(), STREAM_E);
        SeededRandom iRng = SeededRandom.stream(spec.seed(), STREAM_I);
        double inhibitoryScale = spec.inhibitionBalance() * kE / kI;
        SparseMatrix rawE = SparseMatrix.randomFixedInDegree(n, n, 0, ne, kE, eRng,
                () -> Math.abs(eRng.nextGaussian()));
        SparseMatrix rawI = SparseMatrix.randomFixedInDegree(n, n, ne, n, kI, iRng,
                () -> inhibitoryScale * Math.abs(iRng.nextGaussian()));
        SparseMatrix signed = SparseMatrix.union(rawE, rawI.scaled(-1.0));
        double radius = SpectralRadius.of(signed, SeededRandom.stream(spec.seed(), STREAM_POWER).nextLong());
        if (!(radius > 0)) {
            throw new IllegalArgumentException("the random E/I matrix has spectral radius 0 (units=" + n
                    + "): raise ei connectivity");
        }
        double scale = spec.spectralRadius() / radius;
        double[] win = EchoStateNetwork.bernoulliInputs(n, inputSize, spec.inputConnectivity(), spec.inputScaling(),
                SeededRandom.stream(spec.seed(), STREAM_IN));
        double[] bias = EchoStateNetwork.bernoulliVector(n, spec.inputConnectivity(), spec.biasScaling(),
                SeededRandom.stream(spec.seed(), STREAM_BIAS));
        SeededRandom tRng = SeededRandom.stream(spec.seed(), STREAM_TARGETS);
        double[] targets = new double[n];
        for (int i = 0; i < n; i++) {
            targets[i] = spec.targetRateMin() == spec.targetRateMax() ? spec.targetRateMin()
                    : tRng.uniform(spec.targetRateMin(), spec.targetRateMax());
        }
        return new ExcitatoryInhibitoryReservoir(spec, inputSize, ne, rawE.scaled(scale), rawI.scaled(scale), win,
                bias, targets);
    }

    @Override
    public EiSpec spec() {
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

    /** {@code [x (N), g (N)]}. */
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
        java.util.Arrays.fill(state, 0, n, 0.0);
        java.util.Arrays.fill(state, n, 2 * n, spec.initialInhibitoryGain());
    }

    @Override
    public void step(double[] input, double[] state, double[] work, boolean adapt) {
        ReservoirCell.checkStep(this, input, state, work);
        for (int i = 0; i < n; i++) {
            double z = bias[i];
            for (int j = 0, row = i * d; j < d; j++) {
                z += win[row + j] * input[j];
            }
            z += wE.rowDot(i, state, 0) - state[n + i] * wI.rowDot(i, state, 0);
            work[i] = z;
        }
        double keep = 1.0 - leak;
        for (int i = 0; i < n; i++) {
            state[i] = keep * state[i] + leak / (1.0 + Math.exp(-work[i]));
        }
        if (adapt && eta > 0) {
            for (int i = 0; i < n; i++) {
                double g = state[n + i] + eta * (state[i] - targets[i]);
                state[n + i] = g < 0 ? 0 : (g > gMax ? gMax : g);
            }
        }
    }

    /** Number of excitatory units N_E (units 0..N_E−1). */
    public int excitatoryUnits() {
        return excitatory;
    }

    /** True when unit j is excitatory (all its outgoing weights ≥ 0). */
    public boolean isExcitatory(int j) {
        return j < excitatory;
    }

    /** A copy of the per-unit target rates ρ. */
    public double[] targetRates() {
        return targets.clone();
    }

    /** The signed recurrent matrix W_E − diag(g) W_I for the given gains (length N). */
    public SparseMatrix effectiveWeights(double[] gains) {
        double[] dense = wI.toDense();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                dense[i * n + j] *= -gains[i];
            }
        }
        return SparseMatrix.union(wE, fromDense(dense, n));
    }

    /** The signed recurrent matrix with every gain 1 (what the spectral radius refers to). */
    public SparseMatrix recurrentWeights() {
        return SparseMatrix.union(wE, wI.scaled(-1.0));
    }

    private static SparseMatrix fromDense(double[] dense, int n) {
        int nnz = 0;
        for (double v : dense) {
            if (v != 0.0) {
                nnz++;
            }
        }
        int[] rowStart = new int[n + 1];
        int[] cols = new int[nnz];
        double[] vals = new double[nnz];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = dense[i * n + j];
                if (v != 0.0) {
                    cols[k] = j;
                    vals[k++] = v;
                }
            }
            rowStart[i + 1] = k;
        }
        return new SparseMatrix(n, n, rowStart, cols, vals);
    }
}
