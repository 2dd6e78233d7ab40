package io.riffle.streaming.cli;

import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.reservoir.SeriesCodecSpec;
import io.riffle.connectors.reservoir.SeriesCsvColumns;
import io.riffle.connectors.reservoir.SeriesFormat;
import io.riffle.models.readout.FeatureLayout;
import io.riffle.models.readout.NlmsConfig;
import io.riffle.models.readout.ReadoutSpec;
import io.riffle.models.readout.RlsConfig;
import io.riffle.models.reservoir.EiSpec;
import io.riffle.models.reservoir.EsnSpec;
import io.riffle.models.reservoir.ReservoirSpec;
import io.riffle.models.reservoir.forecast.ForecasterConfig;
import io.riffle.streaming.reservoir.ReservoirJobConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options of a reservoir job: input format, reservoir, readout, horizons, event time, key lifecycle. Each is
 * declared once, here; unset reservoir settings take the chosen reservoir's defaults.
 */
public final class ReservoirOptions {
    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FMT",
            description = "Input format: jsonl ({\"key\":…,\"time\":…,\"value\":…} or \"values\":[…]) or csv"
                    + " (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--csv-columns", paramLabel = "SPEC",
            description = "Column roles of a csv input: key=COL (long format: a key column) or none (wide: one"
                    + " series per column), time=COL, value=COL|COL, ignore=COL|COL (default: none: wide, every"
                    + " column a series, row-order time).")
    String csvColumns;

    @Option(names = "--csv-delimiter", defaultValue = ",", paramLabel = "CHAR",
            description = "Field delimiter of a csv input (default: '${DEFAULT-VALUE}').")
    char csvDelimiter;

    @Option(names = "--row-time-step", defaultValue = "1s", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "Event-time step between points that carry no timestamp (default: ${DEFAULT-VALUE}).")
    Duration rowTimeStep;

    @Option(names = "--max-record-bytes", defaultValue = "1048576", paramLabel = "BYTES",
            description = "Longer records are dead-lettered (default: ${DEFAULT-VALUE}).")
    int maxRecordBytes;

    @Option(names = "--max-dims", defaultValue = "64", paramLabel = "D",
            description = "Points with more components are dead-lettered (default: ${DEFAULT-VALUE}).")
    int maxDims;

    @Option(names = "--reservoir", defaultValue = "esn", paramLabel = "KIND",
            description = "esn: echo-state network (tanh, leaky); ei: excitatory/inhibitory network with"
                    + " self-adapting inhibition (default: ${DEFAULT-VALUE}).")
    String reservoir;

    @Option(names = "--units", defaultValue = "100", paramLabel = "N",
            description = "Reservoir units N (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--spectral-radius", paramLabel = "RHO",
            description = "Spectral radius of the recurrent weights (default: 1.25 for esn, 2.0 for ei).")
    Double spectralRadius;

    @Option(names = "--leak-rate", paramLabel = "A",
            description = "Leak rate in (0, 1] (default: 0.3 for esn, 1.0 for ei).")
    Double leakRate;

    @Option(names = "--input-scaling", paramLabel = "S",
            description = "Magnitude of the input weights (default: 0.3).")
    Double inputScaling;

    @Option(names = "--adaptation-rate", paramLabel = "ETA",
            description = "ei only: rate of the inhibitory gains' self-adaptation; 0 = non-adaptive (default: 0.002).")
    Double adaptationRate;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of the reservoir's weights, shared by every key (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--readout", defaultValue = "rls", paramLabel = "KIND",
            description = "rls: recursive least squares (about 8·(N+2)²/2 bytes per key); nlms: normalised LMS"
                    + " (8·(N+2) bytes per key, less accurate) (default: ${DEFAULT-VALUE}).")
    String readout;

    @Option(names = "--rls-forgetting", defaultValue = "0.999", paramLabel = "LAMBDA",
            description = "RLS forgetting factor in (0, 1]; memory about 1/(1−λ) points (default: ${DEFAULT-VALUE}).")
    double rlsForgetting;

    @Option(names = "--rls-delta", defaultValue = "0.01", paramLabel = "DELTA",
            description = "RLS initial regularisation: P₀ = I/δ (default: ${DEFAULT-VALUE}).")
    double rlsDelta;

    @Option(names = "--nlms-step", defaultValue = "0.3", paramLabel = "MU",
            description = "NLMS step size in (0, 2) (default: ${DEFAULT-VALUE}).")
    double nlmsStep;

    @Option(names = "--horizons", defaultValue = "1", paramLabel = "K,K",
            description = "Forecast horizons, in points ahead of each point (e.g. 1,5,10); beyond 1 the reservoir"
                    + " runs in closed loop (default: ${DEFAULT-VALUE}).")
    String horizons;

    @Option(names = "--washout", defaultValue = "100", paramLabel = "N",
            description = "Forecasts at a key's first N points are flagged not warm and not scored"
                    + " (default: ${DEFAULT-VALUE}).")
    int washout;

    @Option(names = "--train-after", defaultValue = "20", paramLabel = "N",
            description = "The readout learns from a key's points after its first N (the reservoir's transient);"
                    + " at most --washout (default: ${DEFAULT-VALUE}).")
    int trainAfter;

    @Option(names = "--normalize", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Feed the reservoir each key's values standardised by its running mean and std"
                    + " (default: ${DEFAULT-VALUE}).")
    boolean normalize;

    @Option(names = "--refit-every", defaultValue = "0", paramLabel = "N",
            description = "Every N updates, replace the readout by the exact ridge solution of the same data;"
                    + " 0 = never (default: ${DEFAULT-VALUE}).")
    int refitEvery;

    @Option(names = "--metrics-interval", defaultValue = "10m", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "Event-time cadence of metrics.jsonl and of each key's model-versions.jsonl line"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration metricsInterval;

    @Option(names = "--key-ttl", defaultValue = "7d", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Drop a key's state after this much event time without a point; 0 = never. Keep it"
                    + " well above a series' spacing: a monthly series needs more than the default"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration keyTtl;

    @Option(names = "--max-keys", defaultValue = "100000", paramLabel = "N",
            description = "At most N keys hold state per parallel instance; points of further new keys are"
                    + " dead-lettered until keys expire (default: ${DEFAULT-VALUE}).")
    int maxKeys;

    @Option(names = "--state-cache", paramLabel = "MB",
            description = "Heap for keys' decoded state between their points, per parallel instance; changed state"
                    + " is written to RocksDB when a key leaves it and at every checkpoint (default: a quarter of the"
                    + " JVM's maximum heap).")
    Long stateCacheMb;

    @Option(names = "--allowed-lateness", defaultValue = "1s", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "Points this far behind the newest event time are reordered into time order; later ones"
                    + " are dead-lettered. Forecasts wait this long (default: ${DEFAULT-VALUE}).")
    Duration allowedLateness;

    @Option(names = "--watermark-step", defaultValue = "100ms", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "Event time advances in steps of at least this (default: ${DEFAULT-VALUE}).")
    Duration watermarkStep;

    @Option(names = "--speedup", defaultValue = "0", paramLabel = "X",
            description = "Replay at X times the pace of event time; 0 = as fast as possible"
                    + " (default: ${DEFAULT-VALUE}).")
    double speedup;

    @Option(names = "--parallelism", defaultValue = "1", paramLabel = "N",
            description = "Parallel forecaster instances (keys are spread over them); outputs are byte-identical"
                    + " between replays at 1 (default: ${DEFAULT-VALUE}).")
    int parallelism;

    /**
     * The job configuration for {@code input}; reads its header row for csv.
     *
     * @throws IllegalArgumentException with a message naming what to fix
     */
    public ReservoirJobConfig toConfig(Path input) {
        SeriesFormat fmt = SeriesFormat.parse(format);
        if (fmt != SeriesFormat.CSV && csvColumns != null) {
            throw new IllegalArgumentException("--csv-columns applies to --format csv only");
        }
        SeriesCodecSpec codec = fmt == SeriesFormat.CSV
                ? new SeriesCodecSpec(fmt, SeriesCsvColumns.readHeader(input, csvDelimiter),
                        SeriesCsvColumns.parse(csvColumns, csvDelimiter), true, rowTimeStep.toMillis(), maxDims)
                : new SeriesCodecSpec(fmt, null, null, false, rowTimeStep.toMillis(), maxDims);
        codec.create();
        return toConfig(codec);
    }

    /**
     * The job configuration for a Kafka input: values are JSON lines ({@code riffle kafka load --family reservoir}
     * converts csv), so csv options do not apply.
     *
     * @throws IllegalArgumentException with a message naming what to fix
     */
    public ReservoirJobConfig kafkaConfig() {
        if (SeriesFormat.parse(format) != SeriesFormat.JSONL) {
            throw new IllegalArgumentException("--source kafka reads series as JSON lines (--format jsonl); riffle"
                    + " kafka load --family reservoir --format csv converts a csv file into such records");
        }
        if (csvColumns != null) {
            throw new IllegalArgumentException("--csv-columns applies to --format csv only");
        }
        SeriesCodecSpec codec = new SeriesCodecSpec(SeriesFormat.JSONL, null, null, false, rowTimeStep.toMillis(),
                maxDims);
        codec.create();
        return toConfig(codec);
    }

    /** The job configuration for records decoded by {@code codec}. */
    public ReservoirJobConfig toConfig(SeriesCodecSpec codec) {
        int[] h = parseHorizons(horizons);
        ForecasterConfig forecaster = new ForecasterConfig(reservoirSpec(), readoutSpec(), FeatureLayout.defaults(),
                h[h.length - 1], washout, trainAfter, normalize, refitEvery, 1e-6);
        return new ReservoirJobConfig(forecaster, h, codec, allowedLateness.toMillis(), watermarkStep.toMillis(),
                metricsInterval.toMillis(), keyTtl.toMillis(), maxKeys, stateCacheBytes(), speedup, parallelism);
    }

    /** {@code --state-cache} in bytes; by default a quarter of the maximum heap. */
    long stateCacheBytes() {
        return stateCacheMb != null ? stateCacheMb << 20 : defaultStateCacheBytes();
    }

    /** A quarter of the JVM's maximum heap. */
    public static long defaultStateCacheBytes() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    ReservoirSpec reservoirSpec() {
        switch (reservoir.trim().toLowerCase(Locale.ROOT)) {
            case "esn" -> {
                if (adaptationRate != null) {
                    throw new IllegalArgumentException("--adaptation-rate applies to --reservoir ei only");
                }
                EsnSpec d = EsnSpec.defaults();
                return new EsnSpec(units, d.connectivity(), or(spectralRadius, d.spectralRadius()),
                        or(leakRate, d.leakRate()), or(inputScaling, d.inputScaling()), d.inputConnectivity(),
                        d.biasScaling(), seed);
            }
            case "ei" -> {
                EiSpec d = EiSpec.defaults();
                return new EiSpec(units, d.excitatoryFraction(), d.connectivity(),
                        or(spectralRadius, d.spectralRadius()), d.inhibitionBalance(), or(leakRate, d.leakRate()),
                        or(inputScaling, d.inputScaling()), d.inputConnectivity(), d.biasScaling(),
                        d.targetRateMin(), d.targetRateMax(), or(adaptationRate, d.adaptationRate()),
                        d.initialInhibitoryGain(), d.maxInhibitoryGain(), seed);
            }
            default -> throw new IllegalArgumentException("unknown --reservoir '" + reservoir + "'; use esn or ei");
        }
    }

    ReadoutSpec readoutSpec() {
        return switch (readout.trim().toLowerCase(Locale.ROOT)) {
            case "rls" -> new RlsConfig(rlsForgetting, rlsDelta, RlsConfig.defaults().traceBound());
            case "nlms" -> new NlmsConfig(nlmsStep, NlmsConfig.defaults().epsilon());
            default -> throw new IllegalArgumentException("unknown --readout '" + readout + "'; use rls or nlms");
        };
    }

    private static double or(Double value, double fallback) {
        return value != null ? value : fallback;
    }

    /** "1,5,10" → {1, 5, 10}, sorted and distinct. */
    static int[] parseHorizons(String spec) {
        try {
            int[] h = Arrays.stream(spec.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .mapToInt(Integer::parseInt).sorted().distinct().toArray();
            if (h.length == 0 || h[0] < 1 || h[h.length - 1] > 10_000) {
                throw new NumberFormatException();
            }
            return h;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--horizons must be positive whole numbers of points, at most 10000,"
                    + " separated by commas (e.g. 1,5,10), got '" + spec + "'");
        }
    }

    /** Fails with a clear message when the input cannot be replayed. */
    public void checkInput(Path input) {
        LineFileSource.check(input);
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }
}
