package io.riffle.models.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.riffle.models.ctr.LinearModelUpdate;
import io.riffle.models.ctr.LinearScorer;
import io.riffle.models.event.HashedImpression;
import io.riffle.models.features.FeatureSpace;
import io.riffle.models.scoring.BatchScorer;
import io.riffle.models.scoring.EventAccess;
import io.riffle.models.scoring.ScorerSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scoring hashed impressions with the model an FTRL trainer publishes, run by ONNX Runtime: the exported FTRL graph
 * ({@link FtrlOnnxExport#liveGraph}) with the weights fed as an input. One session per slot for the whole job; a new
 * model version (a full model or a delta from the trainer's model stream) is applied to a direct buffer of weights
 * that the next batch reads in place, so a version swap costs the changed weights only.
 *
 * <p>The weights are also kept in a {@link LinearScorer}, whose update rules (versions in order, a full model
 * replaces, a delta patches) and checkpoint format this reuses.
 *
 * @param space          the trainer's feature space (its bits size the weight table)
 * @param device         execution provider
 * @param intraOpThreads ONNX Runtime threads per session
 * @param batchHint      buffers are sized for batches of this many events
 */
public record FtrlOnnxSpec(FeatureSpace space, Device device, int intraOpThreads, int batchHint)
        implements ScorerSpec<HashedImpression, LinearModelUpdate> {

    @Override
    public BatchScorer<HashedImpression, LinearModelUpdate> open(byte[] restored) {
        LinearScorer weights = new LinearScorer(space.bits());
        if (restored != null) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(restored))) {
                weights = LinearScorer.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Scorer(this, weights);
    }

    @Override
    public EventAccess<HashedImpression> events() {
        return EventAccess.HASHED;
    }

    @Override
    public long version(LinearModelUpdate update) {
        return update.version();
    }

    @Override
    public boolean whole(LinearModelUpdate update) {
        return update.full();
    }

    @Override
    public long asOf(LinearModelUpdate update) {
        return update.asOf();
    }

    @Override
    public String describe() {
        return "the trainer's FTRL model through ONNX Runtime (2^" + space.bits() + " weights) on " + device;
    }

    private static final class Scorer implements BatchScorer<HashedImpression, LinearModelUpdate> {
        private final OrtEnvironment env = OnnxSessions.environment();
        private final OnnxSessions.Opened opened;
        private final LinearScorer table;
        private final int mask;
        private final FloatBuffer weights;
        private LongBuffer indices;
        private FloatBuffer values;
        private FloatBuffer out;
        private int capacity;

        Scorer(FtrlOnnxSpec spec, LinearScorer table) {
            this.table = table;
            this.mask = spec.space().mask();
            this.opened = OnnxSessions.open(FtrlOnnxExport.liveGraph(spec.space()), spec.device(),
                    spec.intraOpThreads());
            int size = spec.space().size();
            this.weights = ByteBuffer.allocateDirect(size * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            for (int i = 0; i < size; i++) {
                weights.put(i, table.weight(i));
            }
            ensure(Math.max(1, spec.batchHint()) * 16);
        }

        private void ensure(int cells) {
            if (cells > capacity) {
                int cap = Math.max(cells, capacity * 2);
                indices = ByteBuffer.allocateDirect(cap * 8).order(ByteOrder.nativeOrder()).asLongBuffer();
                values = ByteBuffer.allocateDirect(cap * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
                out = ByteBuffer.allocateDirect(cap * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
                capacity = cap;
            }
        }

        @Override
        public void score(List<HashedImpression> events, int from, int count, double[] scores, int offset) {
            if (count == 0) {
                return;
            }
            int width = 1;
            for (int r = 0; r < count; r++) {
                width = Math.max(width, events.get(from + r).hashes().length);
            }
            ensure(count * width);
            for (int r = 0; r < count; r++) {
                HashedImpression e = events.get(from + r);
                int[] h = e.hashes();
                float[] v = e.values();
                int base = r * width;
                for (int k = 0; k < width; k++) {
                    indices.put(base + k, k < h.length ? h[k] & mask : 0);
                    values.put(base + k, k < h.length ? v[k] : 0f);
                }
            }
            long[] shape = {count, width};
            try (OnnxTensor idx = OnnxTensor.createTensor(env, indices.duplicate().position(0).limit(count * width),
                         shape);
                 OnnxTensor val = OnnxTensor.createTensor(env, values.duplicate().position(0).limit(count * width),
                         shape);
                 OnnxTensor w = OnnxTensor.createTensor(env, weights.duplicate().position(0),
                         new long[] {weights.capacity()});
                 OnnxTensor pinned = OnnxTensor.createTensor(env, out.duplicate().position(0).limit(count),
                         new long[] {count});
                 OrtSession.Result result = opened.session().run(
                         Map.of(FtrlOnnxExport.INDICES, idx, FtrlOnnxExport.VALUES, val, FtrlOnnxExport.WEIGHTS, w),
                         Set.of(), Map.<String, OnnxValue>of(FtrlOnnxExport.SCORE, pinned))) {
                for (int r = 0; r < count; r++) {
                    scores[offset + r] = out.get(r);
                }
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed on a batch of " + count + ": " + e.getMessage(),
                        e);
            }
        }

        @Override
        public boolean apply(LinearModelUpdate update) {
            if (!table.apply(update)) {
                return false;
            }
            if (update.full()) {
                for (int i = 0; i < weights.capacity(); i++) {
                    weights.put(i, table.weight(i));
                }
            } else {
                int[] idx = update.indices();
                float[] w = update.weights();
                for (int k = 0; k < idx.length; k++) {
                    weights.put(idx[k], w[k]);
                }
            }
            return true;
        }

        @Override
        public long version() {
            return table.version();
        }

        @Override
        public byte[] snapshot() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream o = new DataOutputStream(bytes)) {
                table.write(o);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        @Override
        public String device() {
            return opened.provider();
        }

        @Override
        public void close() {
            try {
                opened.session().close();
            } catch (OrtException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
