package io.riffle.models.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.riffle.models.ctr.LogisticLoss;
import io.riffle.models.event.Impression;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores impressions with an ONNX model trained elsewhere (PyTorch, FuxiCTR, …): an {@link OnnxMapping} turns each
 * impression's fields into rows of the model's input tensors, ONNX Runtime runs the batch, and the mapped output is
 * the click probability.
 *
 * <p>Native memory is handled the way ONNX Runtime's Java API needs: inputs live in direct buffers reused batch after
 * batch ({@link InputBuffer}); the output is written into a direct buffer of ours, passed as a pinned output, so
 * ONNX Runtime allocates nothing per batch for it; every tensor and every {@code Result} is closed in
 * try-with-resources. One instance per thread: the buffers are not shared (open one scorer per operator slot).
 *
 * <p>NaN numeric values pass through to the model; what it makes of them is the model's business.
 */
public final class OnnxScorer implements AutoCloseable {
    private static final Set<String> NO_OTHER_OUTPUTS = Set.of();

    private final OrtEnvironment env = OnnxSessions.environment();
    private final OnnxSessions.Opened opened;
    private final OnnxMapping mapping;
    private final InputBuffer[] buffers;
    private final String output;
    private final boolean outputIsVector;
    private final boolean outputIsDouble;
    private final Map<String, String> metadata;
    private final long modelVersion;
    private ByteBuffer outBytes;
    private int outCapacity;

    private OnnxScorer(OnnxSessions.Opened opened, OnnxMapping mapping, int batchHint) throws OrtException {
        this.opened = opened;
        this.mapping = mapping;
        OrtSession session = opened.session();
        ModelSignature signature = ModelSignature.of(session);
        this.output = mapping.check(signature);
        ModelSignature.Tensor out = signature.outputs().get(output);
        this.outputIsVector = out.shape().length == 1;
        this.outputIsDouble = out.type() == TensorType.FLOAT64;
        this.buffers = new InputBuffer[mapping.inputs().size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new InputBuffer(mapping.inputs().get(i), batchHint);
        }
        var md = session.getMetadata();
        this.metadata = Map.copyOf(md.getCustomMetadata());
        this.modelVersion = md.getVersion();
        ensureOutput(batchHint);
    }

    /**
     * Opens {@code model} and checks it against {@code mapping}.
     *
     * @param batchHint the usual largest batch: buffers are sized for it (and grow if a batch is larger)
     * @throws IllegalArgumentException when the model cannot be loaded, does not match the mapping (the message
     *                                  names each tensor and mismatch), or the device cannot be used
     */
    public static OnnxScorer open(byte[] model, OnnxMapping mapping, Device device, int intraOpThreads,
                                  int batchHint) {
        OnnxSessions.Opened opened = OnnxSessions.open(model, device, intraOpThreads);
        try {
            return new OnnxScorer(opened, mapping, Math.max(1, batchHint));
        } catch (OrtException | RuntimeException e) {
            try {
                opened.session().close();
            } catch (OrtException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("cannot open the ONNX model: " + e.getMessage(), e);
        }
    }

    private void ensureOutput(int rows) {
        if (rows > outCapacity) {
            int cap = Math.max(rows, outCapacity * 2);
            outBytes = ByteBuffer.allocateDirect(cap * (outputIsDouble ? 8 : 4)).order(ByteOrder.nativeOrder());
            outCapacity = cap;
        }
    }

    /** Scores {@code events[from, from + count)} into {@code scores[offset, offset + count)}. */
    public void score(List<Impression> events, int from, int count, double[] scores, int offset) {
        featurize(events, from, count);
        run(count, scores, offset);
    }

    /** Fills the input buffers with {@code events[from, from + count)} (rows 0 … count-1). */
    public void featurize(List<Impression> events, int from, int count) {
        for (InputBuffer b : buffers) {
            b.ensure(count);
            for (int r = 0; r < count; r++) {
                b.put(r, events.get(from + r));
            }
        }
    }

    /** Runs the model on the first {@code rows} rows of the input buffers. */
    public void run(int rows, double[] scores, int offset) {
        if (rows == 0) {
            return;
        }
        ensureOutput(rows);
        Map<String, OnnxTensor> inputs = new HashMap<>(buffers.length * 2);
        try {
            for (InputBuffer b : buffers) {
                inputs.put(b.mapping().tensor(), b.tensor(env, rows));
            }
            long[] outShape = outputIsVector ? new long[] {rows} : new long[] {rows, 1};
            try (OnnxTensor pinned = outputIsDouble
                    ? OnnxTensor.createTensor(env, outBytes.asDoubleBuffer().limit(rows), outShape)
                    : OnnxTensor.createTensor(env, outBytes.asFloatBuffer().limit(rows), outShape);
                 OrtSession.Result result = opened.session().run(inputs, NO_OTHER_OUTPUTS,
                         Map.<String, OnnxValue>of(output, pinned))) {
                if (outputIsDouble) {
                    DoubleBuffer out = outBytes.asDoubleBuffer();
                    for (int r = 0; r < rows; r++) {
                        scores[offset + r] = toProbability(out.get(r));
                    }
                } else {
                    FloatBuffer out = outBytes.asFloatBuffer();
                    for (int r = 0; r < rows; r++) {
                        scores[offset + r] = toProbability(out.get(r));
                    }
                }
                assert result.size() == 1;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + rows + ": " + e.getMessage(), e);
        } finally {
            for (OnnxTensor t : inputs.values()) {
                t.close();
            }
        }
    }

    private double toProbability(double v) {
        return mapping.outputIsLogit() ? LogisticLoss.sigmoid(v) : v;
    }

    /** Row-major copy of the first {@code rows} rows of integer input {@code tensor} (the Java forward pass). */
    public long[] idsOf(String tensor, int rows) {
        return buffer(tensor).longs(rows);
    }

    /** Row-major copy of the first {@code rows} rows of float input {@code tensor}. */
    public float[] valuesOf(String tensor, int rows) {
        return buffer(tensor).floats(rows);
    }

    private InputBuffer buffer(String tensor) {
        for (InputBuffer b : buffers) {
            if (b.mapping().tensor().equals(tensor)) {
                return b;
            }
        }
        throw new IllegalArgumentException("no mapped input '" + tensor + "'");
    }

    /** Where the session runs: {@code CPU} or {@code CUDA:ID}. */
    public String provider() {
        return opened.provider();
    }

    /** Why {@code --device auto} fell back to the CPU, or null. */
    public String fallbackReason() {
        return opened.fallbackReason();
    }

    /** The model's custom metadata (ONNX {@code metadata_props}). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The ONNX {@code model_version} field (0 when the exporter left it unset). */
    public long modelVersion() {
        return modelVersion;
    }

    public String outputName() {
        return output;
    }

    public OnnxMapping mapping() {
        return mapping;
    }

    @Override
    public void close() {
        try {
            opened.session().close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX session failed: " + e.getMessage(), e);
        }
    }
}
