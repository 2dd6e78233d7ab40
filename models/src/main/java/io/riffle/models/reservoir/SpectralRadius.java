package io.riffle.models.reservoir;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The spectral radius ρ(W) = max |λ_i(W)| of a reservoir matrix, used once when the weights are built to rescale them
 * to a target radius (Jaeger 2001; Lukoševičius 2012, "A practical guide to applying echo state networks", §3.2.4).
 *
 * <p>Two methods, chosen by size:
 * <ul>
 *   <li>{@code n ≤ 300}: all eigenvalues of the dense matrix by EJML's general eigen decomposition (Hessenberg
 *       reduction and shifted QR); exact to rounding. O(n³): about 0.2 s at n = 300 and 8 s at n = 1000 on one core
 *       here, which is why larger matrices use the second method.</li>
 *   <li>{@code n > 300}: the asymptotic growth rate of the power iteration. From a seeded random start v₀ it
 *       iterates v_{k+1} = W v_k / ‖W v_k‖ for {@value #POWER_ITERATIONS} steps and returns exp of the mean of
 *       log ‖W v_k‖ over the second half. Because ‖W^k v₀‖^{1/k} → ρ(W) whatever the phase of the dominant eigenvalues, this also works
 *       when they are a complex-conjugate pair, where the plain Rayleigh quotient oscillates. On random sparse
 *       Gaussian matrices (n = 100..500, density 0.1) it agreed with the exact radius to 2·10⁻⁴ relative or better;
 *       the cost is {@value #POWER_ITERATIONS} sparse products (well under a second at n = 1000, density 0.1).</li>
 * </ul>
 */
public final class SpectralRadius {
    /** Matrices up to this size use the exact dense eigen decomposition. */
    public static final int EXACT_MAX_SIZE = 300;
    static final int POWER_ITERATIONS = 2000;

    private SpectralRadius() {}

    /** ρ(W) by the method for its size; {@code seed} seeds the power iteration's start vector. */
    public static double of(SparseMatrix w, long seed) {
        if (w.rows() != w.cols()) {
            throw new IllegalArgumentException("spectral radius needs a square matrix, got " + w.rows() + "x"
                    + w.cols());
        }
        return w.rows() <= EXACT_MAX_SIZE ? exact(w.toDense(), w.rows()) : powerGrowth(w, seed, POWER_ITERATIONS);
    }

    /** All eigenvalues by EJML; {@code dense} is row-major n×n and is not modified. */
    public static double exact(double[] dense, int n) {
        DMatrixRMaj m = new DMatrixRMaj(n, n, true, dense.clone());
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
        if (!eig.decompose(m)) {
            throw new IllegalStateException("eigen decomposition did not converge for a " + n + "x" + n + " matrix");
        }
        double radius = 0.0;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            radius = Math.max(radius, eig.getEigenvalue(i).getMagnitude());
        }
        return radius;
    }

    /** Growth rate of the normalised power iteration (see the class comment). */
    public static double powerGrowth(SparseMatrix w, long seed, int iterations) {
        int n = w.rows();
        double[] v = new double[n];
        double[] next = new double[n];
        SeededRandom rng = SeededRandom.stream(seed, 0x5EC7);
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        normalise(v);
        double logSum = 0.0;
        int counted = 0;
        for (int k = 0; k < iterations; k++) {
            w.multiply(v, next);
            double norm = norm(next);
            if (norm == 0.0) {
                return 0.0; // W^k v = 0: nilpotent on this start vector, radius 0 for the purpose of scaling
            }
            for (int i = 0; i < n; i++) {
                v[i] = next[i] / norm;
            }
            if (k >= iterations / 2) {
                logSum += Math.log(norm);
                counted++;
            }
        }
        return Math.exp(logSum / counted);
    }

    private static void normalise(double[] v) {
        double norm = norm(v);
        for (int i = 0; i < v.length; i++) {
            v[i] /= norm;
        }
    }

    private static double norm(double[] v) {
        double s = 0.0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
