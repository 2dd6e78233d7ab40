package io.riffle.bench.reservoir;

import io.riffle.models.readout.NlmsConfig;
import io.riffle.models.readout.RlsConfig;
import io.riffle.models.reservoir.EsnSpec;
import io.riffle.models.reservoir.forecast.ForecasterConfig;
import io.riffle.models.reservoir.forecast.KeyState;
import io.riffle.models.reservoir.forecast.SeriesForecaster;
import io.riffle.models.series.MackeyGlass;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
 * JMH view of the per-point kernel: one key's {@code predictThenUpdate} (horizon 1, no washout), and the state's
 * byte round trip. Run with {@code java -cp … org.openjdk.jmh.Main ReservoirKernelJmh} (jmh-core, jopt-simple and
 * commons-math3 on the class path). {@link ReservoirBench} reports the same quantities without JMH.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReservoirKernelJmh {
    @Param({"100", "300", "1000"})
    public int units;

    @Param({"RLS", "NLMS"})
    public String readout;

    private SeriesForecaster forecaster;
    private KeyState state;
    private byte[] bytes;
    private double[] series;
    private final double[] value = new double[1];
    private final double[] prior = new double[1];
    private final double[] forecast = new double[1];
    private int t;

    @Setup
    public void setUp() {
        ForecasterConfig config = ForecasterConfig.defaults().withReservoir(EsnSpec.defaults().withUnits(units))
                .withReadout(readout.equals("RLS") ? RlsConfig.defaults() : NlmsConfig.defaults())
                .withWashout(0, 0);
        forecaster = new SeriesForecaster(config, 1);
        state = forecaster.newState();
        series = MackeyGlass.reservoirPy().generate(10_000, 1);
        for (int i = 0; i < 200; i++) {
            predictThenUpdate();
        }
        bytes = forecaster.toBytes(state);
    }

    @Benchmark
    public double predictThenUpdate() {
        value[0] = series[t++ % series.length];
        forecaster.predictThenUpdate(state, value, prior, forecast);
        return forecast[0];
    }

    @Benchmark
    public KeyState stateRoundTrip() throws IOException {
        return forecaster.fromBytes(forecaster.toBytes(state));
    }

    @Benchmark
    public KeyState decodeOnly() throws IOException {
        return forecaster.fromBytes(bytes);
    }
}
