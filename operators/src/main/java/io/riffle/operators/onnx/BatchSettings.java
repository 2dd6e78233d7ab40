package io.riffle.operators.onnx;

import io.riffle.operators.ctr.ScoringMode;
import java.io.Serializable;

/**
 * How a batching scorer collects events.
 *
 * @param maxBatch       a batch is scored when it holds this many events ({@code --batch})
 * @param maxDelayMillis ... or when its first event has waited this long, in processing time ({@code
 *                       --batch-timeout}); 0 scores at once what a batch holds when each element has been handled
 * @param mode           {@link ScoringMode#LATEST}: events are batched as they arrive and scored with the newest
 *                       model version; {@link ScoringMode#EVENT_TIME}: events wait for the watermark and are scored
 *                       with the version as of their time minus {@code lagMillis}, in batches of at most
 *                       {@code maxBatch} (reproducible; no timer)
 * @param lagMillis      event-time scoring's publication lag
 */
public record BatchSettings(int maxBatch, long maxDelayMillis, ScoringMode mode, long lagMillis)
        implements Serializable {
    public static final int DEFAULT_BATCH = 256;
    public static final long DEFAULT_DELAY_MILLIS = 5;

    public BatchSettings {
        if (maxBatch < 1 || maxBatch > 1 << 20) {
            throw new IllegalArgumentException("--batch must be in [1, 1048576] events, got " + maxBatch);
        }
        if (maxDelayMillis < 0) {
            throw new IllegalArgumentException("--batch-timeout must be >= 0 ms, got " + maxDelayMillis);
        }
        if (lagMillis < 0) {
            throw new IllegalArgumentException("--publication-lag must be >= 0 ms, got " + lagMillis);
        }
    }

    /** Live scoring: batches of {@code maxBatch} or {@code maxDelayMillis}, whichever comes first. */
    public static BatchSettings latest(int maxBatch, long maxDelayMillis) {
        return new BatchSettings(maxBatch, maxDelayMillis, ScoringMode.LATEST, 0);
    }
}
