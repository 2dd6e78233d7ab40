package io.riffle.models.ctr.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DenseTest {
    @Test
    void computesXWTransposedPlusBiasThenRelu() {
        // W = [[1, 2], [-3, 1], [0, 1]] (out 3, in 2), b = [0.5, 0, -2]; x = [1, 1] -> [3.5, -2, -1] -> relu [3.5, 0, 0]
        float[] w = {1, 2, -3, 1, 0, 1};
        float[] b = {0.5f, 0, -2};
        for (Dense.Kernel k : Dense.Kernel.values()) {
            Dense relu = new Dense(w, b, 2, 3, Dense.Activation.RELU, k);
            Dense linear = new Dense(w, b, 2, 3, Dense.Activation.NONE, k);
            DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 1}, {2, 0}});
            DMatrixRMaj y = new DMatrixRMaj(1, 1);
            relu.forward(x, y);
            assertThat(y.data).startsWith(3.5, 0, 0, 2.5, 0, 0);
            linear.forward(x, y);
            assertThat(y.data).startsWith(3.5, -2, -1, 2.5, -6, -2);
        }
    }

    @Test
    void theTwoKernelsAgreeWithANaiveProduct() {
        SplittableRandom r = new SplittableRandom(3);
        int in = 37;
        int out = 29;
        float[] w = new float[in * out];
        float[] b = new float[out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < out; i++) {
            b[i] = (float) r.nextGaussian();
        }
        DMatrixRMaj x = new DMatrixRMaj(11, in);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = r.nextGaussian();
        }
        DMatrixRMaj ejml = new DMatrixRMaj(1, 1);
        DMatrixRMaj axpy = new DMatrixRMaj(1, 1);
        new Dense(w, b, in, out, Dense.Activation.NONE, Dense.Kernel.EJML).forward(x, ejml);
        new Dense(w, b, in, out, Dense.Activation.NONE, Dense.Kernel.AXPY).forward(x, axpy);
        for (int row = 0; row < 11; row++) {
            for (int o = 0; o < out; o++) {
                double naive = b[o];
                for (int i = 0; i < in; i++) {
                    naive += x.get(row, i) * w[o * in + i];
                }
                assertThat(ejml.get(row, o)).isCloseTo(naive, within(1e-12));
                assertThat(axpy.get(row, o)).isCloseTo(naive, within(1e-12));
            }
        }
        assertThatThrownBy(() -> new Dense(w, b, in, out, Dense.Activation.NONE, Dense.Kernel.AXPY)
                .forward(new DMatrixRMaj(2, 3), axpy)).hasMessageContaining("wants 37 inputs, got 3");
    }
}
