package io.riffle.models.reservoir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpectralRadiusTest {
    @Test
    void powerGrowthHandlesAComplexDominantPair() {
        // Block-diagonal: a rotation-scaling block with eigenvalues ±2i, then a diagonal of 1.5 and 0.5.
        int n = 4;
        double[] dense = {0, -2, 0, 0, 2, 0, 0, 0, 0, 0, 1.5, 0, 0, 0, 0, 0.5};
        SparseMatrix m = fromDense(dense, n);
        assertThat(SpectralRadius.exact(dense, n)).isCloseTo(2.0, within(1e-12));
        assertThat(SpectralRadius.powerGrowth(m, 1, 2000)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void powerGrowthAgreesWithTheExactRadiusOnRandomSparseMatrices() {
        SeededRandom r = new SeededRandom(5);
        SparseMatrix m = SparseMatrix.randomFixedInDegree(350, 350, 0, 350, 35, r, r::nextGaussian);
        double exact = SpectralRadius.exact(m.toDense(), 350);
        assertThat(SpectralRadius.of(m, 1)).isCloseTo(exact, within(1e-3 * exact));
    }

    static SparseMatrix fromDense(double[] dense, int n) {
        SeededRandom unused = new SeededRandom(0);
        SparseMatrix full = SparseMatrix.randomFixedInDegree(n, n, 0, n, n, unused, () -> 1.0);
        double[] values = dense.clone();
        // full has every column in every row, in order: rebuild with the dense values
        return new SparseMatrix(n, n, rowStarts(full, n), columns(full), values);
    }

    private static int[] rowStarts(SparseMatrix m, int n) {
        int[] s = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            s[i] = i < n ? m.rowStart(i) : m.nonZeros();
        }
        return s;
    }

    private static int[] columns(SparseMatrix m) {
        int[] c = new int[m.nonZeros()];
        for (int k = 0; k < c.length; k++) {
            c[k] = m.column(k);
        }
        return c;
    }
}
