package io.riffle.streaming.onnx;

import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.models.onnx.MappedOnnxSpec;
import io.riffle.operators.onnx.BatchSettings;
import java.io.Serializable;

/**
 * What shapes a {@code riffle score} job: the model and how events reach it, validated on construction.
 *
 * @param scorer         the ONNX model, its mapping and device
 * @param codec          how input records are decoded
 * @param batch          batch size and timeout
 * @param parallelism    parallel scorers (each with its own session); predictions keep input order only at 1
 * @param maxRecordBytes longer records are dead-lettered
 */
public record ScoreConfig(MappedOnnxSpec scorer, CtrCodecSpec codec, BatchSettings batch, int parallelism,
                          int maxRecordBytes) implements Serializable {
    public ScoreConfig {
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be >= 1, got " + parallelism);
        }
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("--max-record-bytes must be >= 1, got " + maxRecordBytes);
        }
    }
}
