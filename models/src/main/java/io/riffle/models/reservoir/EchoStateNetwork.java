package io.riffle.models.reservoir;

/**
 * A leaky-integrator echo-state network (Jaeger 2001, "The 'echo state' approach to analysing and training recurrent
 * neural networks", GMD Report 148; leak as in Jaeger, Lukoševičius, Popovici and Siewert 2007): the classic
 * reservoir. Without output feedback (the readout's output re-enters only as the next input, in closed-loop
 * forecasting).
 *
 * <pre>
 *   x(t) = (1 − a) x(t−1) + a tanh( W x(t−1) + W_in u(t) + b )
 * </pre>
 *
 * <p>Weights, all from {@link EsnSpec#seed()} through independent {@link SeededRandom} streams:
 * <ul>
 *   <li>W: N×N sparse, each row with max(1, round(c·N)) distinct random columns, values N(0, 1), then rescaled so that
 *       its spectral radius equals {@link EsnSpec#spectralRadius()} exactly (measured by {@link SpectralRadius}).</li>
 *   <li>W_in: N×d, each entry present with probability {@code inputConnectivity} (at least one unit per input), value
 *       ±{@code inputScaling} with equal odds (ReservoirPy's Bernoulli initialiser).</li>
 *   <li>b: each unit's bias present with probability {@code inputConnectivity}, value ±{@code biasScaling}.</li>
 * </ul>
 *
 * <p>Per-key state: x (N doubles). Immutable and thread-safe; {@link #step} allocates nothing. NaN input is rejected
 * (see {@link ReservoirCell#step}).
 */
public final class EchoStateNetwork implements ReservoirCell {
    static final long STREAM_W = 1;
    static final long STREAM_IN = 2;
    static final long STREAM_BIAS = 3;
    static final long STREAM_POWER = 4;

    private final EsnSpec spec;
    private final int n;
    private final int d;
    private final SparseMatrix w;
    private final double[] win;
    private final double[] bias;
    private final double leak;

    private EchoStateNetwork(EsnSpec spec, int d, SparseMatrix w, double[] win, double[] bias) {
        this.spec = spec;
        this.n = spec.units();
        this.d = d;
        this.w = w;
        this.win = win;
        this.bias = bias;
        this.leak = spec.leakRate();
    }

    /** Generates the weights of {@code spec} for {@code inputSize} inputs. */
    public static EchoStateNetwork create(EsnSpec spec, int inputSize) {
        Checks.atLeast("reservoir input size", inputSize, 1);
        int n = spec.units();
        int perRow = Math.max(1, (int) Math.round(spec.connectivity() * n));
        SeededRandom wRng = SeededRandom.stream(spec.seed(), STREAM_W);
        SparseMatrix raw = SparseMatrix.randomFixedInDegree(n, n, 0, n, perRow, wRng, wRng::nextGaussian);
        double radius = SpectralRadius.of(raw, SeededRandom.stream(spec.seed(), STREAM_POWER).nextLong());
        if (!(radius > 0)) {
            throw new IllegalArgumentException("the random recurrent matrix has spectral radius 0 (units=" + n
                    + ", connectivity=" + spec.connectivity() + "): raise esn connectivity");
        }
        SparseMatrix w = raw.scaled(spec.spectralRadius() / radius);
        double[] win = bernoulliInputs(n, inputSize, spec.inputConnectivity(), spec.inputScaling(),
                SeededRandom.stream(spec.seed(), STREAM_IN));
        double[] bias = bernoulliVector(n, spec.inputConnectivity(), spec.biasScaling(),
                SeededRandom.stream(spec.seed(), STREAM_BIAS));
        return new EchoStateNetwork(spec, inputSize, w, win, bias);
    }

    /** N×d row-major, each entry ±scale with probability p, every input column connected to at least one unit. */
    static double[] bernoulliInputs(int n, int d, double p, double scale, SeededRandom rng) {
        double[] win = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                if (rng.nextDouble() < p) {
                    win[i * d + j] = scale * rng.nextSign();
                }
            }
        }
        for (int j = 0; j < d; j++) {
            boolean connected = false;
            for (int i = 0; i < n && !connected; i++) {
                connected = win[i * d + j] != 0.0;
            }
            if (!connected) {
                win[rng.nextInt(n) * d + j] = scale * rng.nextSign();
            }
        }
        return win;
    }

    static double[] bernoulliVector(int n, double p, double scale, SeededRandom rng) {
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            if (rng.nextDouble() < p) {
                double sign = rng.nextSign();
                b[i] = scale > 0 ? scale * sign : 0.0;
            }
        }
        return b;
    }

    @Override
    public EsnSpec spec() {
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
        return n;
    }

    @Override
    public void initialState(double[] state) {
        java.util.Arrays.fill(state, 0, n, 0.0);
    }

    @Override
    public void step(double[] input, double[] state, double[] work, boolean adapt) {
        ReservoirCell.checkStep(this, input, state, work);
        for (int i = 0; i < n; i++) {
            double s = bias[i];
            for (int j = 0, row = i * d; j < d; j++) {
                s += win[row + j] * input[j];
            }
            work[i] = s;
        }
        w.multiplyAddUnchecked(state, work);
        double keep = 1.0 - leak;
        for (int i = 0; i < n; i++) {
            state[i] = keep * state[i] + leak * Math.tanh(work[i]);
        }
    }

    /** The recurrent matrix W (already scaled). */
    public SparseMatrix recurrentWeights() {
        return w;
    }

    /** A copy of W_in, N×d row-major. */
    public double[] inputWeights() {
        return win.clone();
    }

    /** A copy of b. */
    public double[] bias() {
        return bias.clone();
    }
}
