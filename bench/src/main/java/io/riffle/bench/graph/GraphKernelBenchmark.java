package io.riffle.bench.graph;

import io.riffle.models.nn.GruCell;
import io.riffle.models.nn.Linear;
import io.riffle.models.nn.ParameterLayout;
import io.riffle.models.nn.Rng;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The dense product at the heart of the TGN memory update — a block of message rows (width 2d + d_t = 300 at d = 100)
 * times the GRU's input weights (300 × 3d) — with the project's float kernel ({@link Linear}, backed by the
 * copy-then-axpy loop that C2 vectorises), the direct offset loop it replaced, and EJML's
 * {@code CommonOps_DDRM.mult} (double, the library the conventions prefer). Plus a whole GRU step forward and back.
 *
 * <pre>
 * java -cp … org.openjdk.jmh.Main GraphKernelBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GraphKernelBenchmark {
    private static final int IN = 300;
    private static final int OUT = 300;

    @Param({"1", "3", "64"})
    public int rows;

    private float[] theta;
    private float[] grad;
    private Linear linear;
    private GruCell gru;
    private float[] x;
    private float[] y;
    private float[] h;
    private float[] hOut;
    private float[] cache;
    private float[] dh;
    private float[] dx;
    private float[] work;
    private DMatrixRMaj ejmlX;
    private DMatrixRMaj ejmlW;
    private DMatrixRMaj ejmlY;

    @Setup
    public void setup() {
        ParameterLayout layout = new ParameterLayout();
        linear = new Linear(layout, "linear", IN, OUT);
        gru = new GruCell(layout, "gru", IN, 100);
        theta = new float[layout.size()];
        grad = new float[layout.size()];
        Rng rng = new Rng(1);
        linear.initialize(theta, rng);
        gru.initialize(theta, rng);
        x = new float[rows * IN];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.uniform(1);
        }
        y = new float[rows * OUT];
        h = new float[rows * 100];
        hOut = new float[rows * 100];
        cache = new float[rows * gru.cacheWidth()];
        dh = new float[rows * 100];
        for (int i = 0; i < dh.length; i++) {
            dh[i] = rng.uniform(1);
        }
        dx = new float[rows * IN];
        work = new float[gru.workSize(rows)];
        ejmlX = new DMatrixRMaj(rows, IN);
        ejmlW = new DMatrixRMaj(IN, OUT);
        ejmlY = new DMatrixRMaj(rows, OUT);
        for (int i = 0; i < x.length; i++) {
            ejmlX.data[i] = x[i];
        }
        for (int i = 0; i < IN * OUT; i++) {
            ejmlW.data[i] = theta[linear.offset() + i];
        }
    }

    @Benchmark
    public float[] linearFloatKernel() {
        linear.forward(theta, x, rows, y);
        return y;
    }

    @Benchmark
    public float[] directOffsetLoop() {
        int off = linear.offset();
        for (int r = 0; r < rows; r++) {
            int yo = r * OUT;
            System.arraycopy(theta, off + IN * OUT, y, yo, OUT);
            for (int k = 0; k < IN; k++) {
                float xk = x[r * IN + k];
                int wo = off + k * OUT;
                for (int o = 0; o < OUT; o++) {
                    y[yo + o] += xk * theta[wo + o];
                }
            }
        }
        return y;
    }

    @Benchmark
    public DMatrixRMaj ejmlDoubleMult() {
        CommonOps_DDRM.mult(ejmlX, ejmlW, ejmlY);
        return ejmlY;
    }

    @Benchmark
    public float[] gruStepForwardBackward() {
        gru.forward(theta, x, h, rows, hOut, cache);
        gru.backward(theta, grad, x, h, cache, dh, rows, dx, 200, 300, null, work);
        return grad;
    }
}
