package io.riffle.bench.ctr;

import io.riffle.models.ctr.FtrlLogisticRegression;
import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.features.FeatureSpace;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The FTRL-Proximal update kernel on one core: test-then-train ({@code learn}: predict, then update every touched
 * coordinate) over pre-hashed events, 2^20 weights. Scores are updates per second (one update = one event).
 *
 * <p>Run: {@code java -cp dist/target/riffle.jar org.openjdk.jmh.Main FtrlKernelBenchmark} (or
 * {@code ./riffle bench jmh FtrlKernelBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FtrlKernelBenchmark {
    static final int EVENTS = 1 << 16;

    @Param({"8", "16"})
    int features;

    private HashedEvents events;
    private FtrlLogisticRegression ftrl;

    @Setup
    public void setUp() {
        events = HashedEvents.synthetic(EVENTS, features, 42);
        ftrl = new FtrlLogisticRegression(FtrlParams.defaults(), new FeatureSpace(20, List.of(), 0));
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public double learn() {
        double sum = 0;
        int[][] h = events.hashes;
        float[][] v = events.values;
        int[] y = events.labels;
        for (int i = 0; i < EVENTS; i++) {
            sum += ftrl.learn(h[i], v[i], h[i].length, y[i]);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public double predict() {
        double sum = 0;
        int[][] h = events.hashes;
        float[][] v = events.values;
        for (int i = 0; i < EVENTS; i++) {
            sum += ftrl.predict(h[i], v[i], h[i].length);
        }
        return sum;
    }
}
