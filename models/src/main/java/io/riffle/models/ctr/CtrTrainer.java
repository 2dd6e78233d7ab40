package io.riffle.models.ctr;

import io.riffle.models.event.Example;
import io.riffle.models.features.FeatureSpace;
import io.riffle.models.metrics.CtrMetrics;
import io.riffle.models.metrics.ProgressiveMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One CTR model's trainer: an {@link FtrlLogisticRegression} learning test-then-train, its {@link ProgressiveMetrics},
 * and the bookkeeping of publication (version numbers, provenance, which weights changed since the last version).
 *
 * <p>The Flink operator that holds it only orders examples by event time, calls {@link #learn}, asks for
 * {@link #publishDelta} at its cadence, and checkpoints {@link #writeMeta} plus the learner's dirty chunks.
 */
public final class CtrTrainer {
    private static final int META_FORMAT = 1;

    private final String model;
    private final FtrlLogisticRegression learner;
    private ProgressiveMetrics metrics;
    private long version;
    private long examplesSeen;
    private long labelEvents;
    private long windowNegatives;
    private long lastSeq = -1;
    private long lastPublishedAsOf = Long.MIN_VALUE;

    public CtrTrainer(String model, FtrlParams params, FeatureSpace space, int metricsWindow) {
        this(model, new FtrlLogisticRegression(params, space), metricsWindow, 0);
    }

    /** Wraps an existing learner (a warm start), continuing from {@code version}. */
    public CtrTrainer(String model, FtrlLogisticRegression learner, int metricsWindow, long version) {
        this.model = model;
        this.learner = learner;
        this.metrics = new ProgressiveMetrics(metricsWindow);
        this.version = version;
    }

    /** Carries provenance over from a model file on a warm start. */
    public void resumeProvenance(long examplesSeen, long lastSeq, long lastPublishedAsOf) {
        this.examplesSeen = examplesSeen;
        this.lastSeq = lastSeq;
        this.lastPublishedAsOf = lastPublishedAsOf;
    }

    /** Test-then-train on one example; returns the progressive prediction (made before the update). */
    public double learn(Example example) {
        int[] hashes = example.hashes();
        double p = learner.learn(hashes, example.values(), hashes.length, example.label());
        metrics.add(p, example.label());
        examplesSeen++;
        switch (example.labelSource()) {
            case EVENT -> labelEvents++;
            case WINDOW_EXPIRED -> windowNegatives++;
            case ROW -> { }
        }
        lastSeq = example.seq();
        return p;
    }

    /** True when weights changed since the last published version. */
    public boolean hasUnpublishedChanges() {
        return learner.touchedCount() > 0;
    }

    /** A new version holding the weights changed since the previous one. */
    public LinearModelUpdate publishDelta(long asOf) {
        int[] indices = learner.drainTouched();
        float[] weights = new float[indices.length];
        for (int k = 0; k < indices.length; k++) {
            weights[k] = learner.weight(indices[k]);
        }
        version++;
        lastPublishedAsOf = asOf;
        return new LinearModelUpdate(model, version, asOf, false, learner.space().bits(), indices, weights,
                examplesSeen, lastSeq);
    }

    /**
     * The whole current model as of the last published version (sent on start and after a restore). Coordinates
     * changed since then stay pending for the next delta, so every scorer sees the same sequence of versions.
     */
    public LinearModelUpdate fullSnapshot() {
        return fullSnapshot(lastPublishedAsOf);
    }

    /** As {@link #fullSnapshot()}, stamped as of {@code asOf} ({@link Long#MIN_VALUE}: valid from the start). */
    public LinearModelUpdate fullSnapshot(long asOf) {
        int[] indices = learner.nonZeroWeights();
        float[] weights = new float[indices.length];
        for (int k = 0; k < indices.length; k++) {
            weights[k] = learner.weight(indices[k]);
        }
        return new LinearModelUpdate(model, version, asOf, true, learner.space().bits(), indices,
                weights, examplesSeen, lastSeq);
    }

    public CtrMetrics metrics(long time) {
        return new CtrMetrics(time, version, metrics.count(), metrics.positives(), labelEvents, windowNegatives,
                metrics.logLoss(),
                metrics.auc(), metrics.windowLogLoss(), metrics.windowAuc(), metrics.baselineLogLoss(),
                metrics.entropyLogLoss(), metrics.windowSize());
    }

    public String model() {
        return model;
    }

    public long version() {
        return version;
    }

    public long examplesSeen() {
        return examplesSeen;
    }

    /** The {@code asOf} of the last published version. */
    public long lastPublishedAsOf() {
        return lastPublishedAsOf;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public FtrlLogisticRegression learner() {
        return learner;
    }

    /** Everything but the weight table: version, counters, metrics, and the coordinates not yet published. */
    public byte[] writeMeta() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(META_FORMAT);
            out.writeLong(version);
            out.writeLong(examplesSeen);
            out.writeLong(labelEvents);
            out.writeLong(windowNegatives);
            out.writeLong(lastSeq);
            out.writeLong(lastPublishedAsOf);
            int[] touched = learner.touched();
            out.writeInt(touched.length);
            for (int i : touched) {
                out.writeInt(i);
            }
            metrics.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Restores what {@link #writeMeta} wrote. */
    public void readMeta(byte[] meta) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(meta))) {
            int format = in.readInt();
            if (format != META_FORMAT) {
                throw new IOException("unknown trainer-state format " + format + " (this build reads " + META_FORMAT
                        + ")");
            }
            version = in.readLong();
            examplesSeen = in.readLong();
            labelEvents = in.readLong();
            windowNegatives = in.readLong();
            lastSeq = in.readLong();
            lastPublishedAsOf = in.readLong();
            int touched = in.readInt();
            int[] indices = new int[touched];
            for (int k = 0; k < touched; k++) {
                indices[k] = in.readInt();
            }
            learner.markTouched(indices);
            metrics = ProgressiveMetrics.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
