package io.riffle.streaming.cli;

import io.riffle.models.onnx.Device;
import io.riffle.operators.ctr.ScoringMode;
import io.riffle.operators.onnx.BatchSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How ONNX models are run: device, batching, threads. Shared by {@code riffle score} and {@code run ctr}. */
public final class OnnxRuntimeOptions {
    @Option(names = "--device", defaultValue = "auto", paramLabel = "DEV",
            description = "Where ONNX Runtime runs: auto (CUDA when present, else CPU, saying why in one log line),"
                    + " cpu, cuda or cuda:ID (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--batch", defaultValue = "" + BatchSettings.DEFAULT_BATCH, paramLabel = "B",
            description = "Score a batch when it holds B events (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--batch-timeout", defaultValue = BatchSettings.DEFAULT_DELAY_MILLIS + "ms",
            converter = DurationConverter.class, paramLabel = "DURATION",
            description = "... or when its first event has waited this long (default: ${DEFAULT-VALUE}).")
    Duration batchTimeout;

    @Option(names = "--onnx-threads", defaultValue = "1", paramLabel = "N",
            description = "ONNX Runtime threads per scorer; each parallel scorer has its own session"
                    + " (default: ${DEFAULT-VALUE}).")
    int threads;

    public Device device() {
        return Device.parse(device);
    }

    public BatchSettings batchSettings(ScoringMode mode, long lagMillis) {
        return new BatchSettings(batch, batchTimeout.toMillis(), mode, lagMillis);
    }

    public int threads() {
        if (threads < 1) {
            throw new IllegalArgumentException("--onnx-threads must be >= 1, got " + threads);
        }
        return threads;
    }
}
