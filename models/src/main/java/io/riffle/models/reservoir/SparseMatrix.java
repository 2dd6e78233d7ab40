package io.riffle.models.reservoir;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

/**
 * An immutable sparse matrix in compressed sparse row (CSR) form: the fixed recurrent weights of a reservoir.
 *
 * <p>Row {@code i} holds the entries {@code values[k]} at columns {@code columns[k]} for
 * {@code k in [rowStart[i], rowStart[i+1])}, columns ascending within a row. The products read the matrix row by row
 * and write one output per row, so they stream through memory once and allocate nothing.
 */
public final class SparseMatrix {
    private final int rows;
    private final int cols;
    private final int[] rowStart;
    private final int[] columns;
    private final double[] values;

    SparseMatrix(int rows, int cols, int[] rowStart, int[] columns, double[] values) {
        this.rows = rows;
        this.cols = cols;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    /**
     * A matrix with exactly {@code perRow} distinct non-zero columns in every row, drawn uniformly without replacement
     * from {@code [fromCol, toCol)} (Floyd's algorithm), each value from {@code value}. Fixing the in-degree (rather
     * than drawing each entry independently) leaves no unit without recurrent input.
     */
    static SparseMatrix randomFixedInDegree(int rows, int cols, int fromCol, int toCol, int perRow, SeededRandom rng,
            DoubleSupplier value) {
        int span = toCol - fromCol;
        if (perRow < 0 || perRow > span) {
            throw new IllegalArgumentException("cannot draw " + perRow + " distinct columns from " + span);
        }
        int[] rowStart = new int[rows + 1];
        int[] columns = new int[rows * perRow];
        double[] values = new double[rows * perRow];
        int[] picked = new int[perRow];
        for (int i = 0; i < rows; i++) {
            sampleWithoutReplacement(span, perRow, rng, picked);
            Arrays.sort(picked);
            int base = i * perRow;
            for (int k = 0; k < perRow; k++) {
                columns[base + k] = fromCol + picked[k];
                values[base + k] = value.getAsDouble();
            }
            rowStart[i + 1] = base + perRow;
        }
        return new SparseMatrix(rows, cols, rowStart, columns, values);
    }

    /** Floyd's algorithm: {@code k} distinct values of [0, n) into {@code out[0..k)} (unordered). */
    private static void sampleWithoutReplacement(int n, int k, SeededRandom rng, int[] out) {
        int count = 0;
        for (int j = n - k; j < n; j++) {
            int t = rng.nextInt(j + 1);
            boolean seen = false;
            for (int q = 0; q < count; q++) {
                if (out[q] == t) {
                    seen = true;
                    break;
                }
            }
            out[count++] = seen ? j : t;
        }
    }

    /** Row-wise concatenation of two matrices with the same shape whose column sets per row are disjoint. */
    static SparseMatrix union(SparseMatrix a, SparseMatrix b) {
        if (a.rows != b.rows || a.cols != b.cols) {
            throw new IllegalArgumentException("shapes differ");
        }
        int[] rowStart = new int[a.rows + 1];
        int[] columns = new int[a.nonZeros() + b.nonZeros()];
        double[] values = new double[columns.length];
        int k = 0;
        for (int i = 0; i < a.rows; i++) {
            int pa = a.rowStart[i];
            int pb = b.rowStart[i];
            int ea = a.rowStart[i + 1];
            int eb = b.rowStart[i + 1];
            while (pa < ea || pb < eb) {
                boolean takeA = pb >= eb || (pa < ea && a.columns[pa] < b.columns[pb]);
                if (takeA) {
                    columns[k] = a.columns[pa];
                    values[k++] = a.values[pa++];
                } else {
                    columns[k] = b.columns[pb];
                    values[k++] = b.values[pb++];
                }
            }
            rowStart[i + 1] = k;
        }
        return new SparseMatrix(a.rows, a.cols, rowStart, columns, values);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int nonZeros() {
        return rowStart[rows];
    }

    /** {@code out = A x}. {@code out} must not be {@code x}. */
    public void multiply(double[] x, double[] out) {
        checkShapes(x, out);
        for (int i = 0; i < rows; i++) {
            double s = 0.0;
            for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
                s += values[k] * x[columns[k]];
            }
            out[i] = s;
        }
    }

    /** {@code out += A x}. {@code out} must not be {@code x}. */
    public void multiplyAdd(double[] x, double[] out) {
        checkShapes(x, out);
        multiplyAddUnchecked(x, out);
    }

    void multiplyAddUnchecked(double[] x, double[] out) {
        for (int i = 0; i < rows; i++) {
            double s = 0.0;
            for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
                s += values[k] * x[columns[k]];
            }
            out[i] += s;
        }
    }

    private void checkShapes(double[] x, double[] out) {
        if (x.length < cols || out.length < rows) {
            throw new IllegalArgumentException("sparse product needs x of length >= " + cols + " and out of length >= "
                    + rows + ", got " + x.length + " and " + out.length);
        }
        if (x == out) {
            throw new IllegalArgumentException("sparse product cannot write over its input");
        }
    }

    /** This matrix times {@code factor}. */
    public SparseMatrix scaled(double factor) {
        double[] v = values.clone();
        for (int k = 0; k < v.length; k++) {
            v[k] *= factor;
        }
        return new SparseMatrix(rows, cols, rowStart, columns, v);
    }

    /** The entry at (i, j), 0 when absent. */
    public double get(int i, int j) {
        int from = rowStart[i];
        int to = rowStart[i + 1];
        int k = Arrays.binarySearch(columns, from, to, j);
        return k >= 0 ? values[k] : 0.0;
    }

    /** The dense row-major copy (tests, small spectral computations). */
    public double[] toDense() {
        double[] dense = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                dense[i * cols + columns[k]] = values[k];
            }
        }
        return dense;
    }

    /** Σ_k A[i, k] x[offset + k] (unchecked: for the kernels' inner loops). */
    double rowDot(int i, double[] x, int offset) {
        double s = 0.0;
        for (int k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
            s += values[k] * x[offset + columns[k]];
        }
        return s;
    }

    int rowStart(int i) {
        return rowStart[i];
    }

    int column(int k) {
        return columns[k];
    }

    double value(int k) {
        return values[k];
    }
}
