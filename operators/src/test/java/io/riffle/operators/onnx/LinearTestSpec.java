package io.riffle.operators.onnx;

import io.riffle.models.ctr.LinearModelUpdate;
import io.riffle.models.ctr.LinearScorer;
import io.riffle.models.event.HashedImpression;
import io.riffle.models.scoring.BatchScorer;
import io.riffle.models.scoring.EventAccess;
import io.riffle.models.scoring.ScorerSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A pure-Java scorer of the trainer's model that records the size of every batch it scores (for operator tests). */
record LinearTestSpec(int bits) implements ScorerSpec<HashedImpression, LinearModelUpdate> {
    static final ConcurrentLinkedQueue<Integer> BATCHES = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<String> CLOSED = new ConcurrentLinkedQueue<>();

    @Override
    public BatchScorer<HashedImpression, LinearModelUpdate> open(byte[] restored) {
        LinearScorer scorer = new LinearScorer(bits);
        if (restored != null) {
            try {
                scorer = LinearScorer.read(new DataInputStream(new ByteArrayInputStream(restored)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        LinearScorer s = scorer;
        return new BatchScorer<>() {
            @Override
            public void score(List<HashedImpression> events, int from, int count, double[] scores, int offset) {
                BATCHES.add(count);
                for (int i = 0; i < count; i++) {
                    scores[offset + i] = s.score(events.get(from + i));
                }
            }

            @Override
            public boolean apply(LinearModelUpdate update) {
                return s.apply(update);
            }

            @Override
            public long version() {
                return s.version();
            }

            @Override
            public byte[] snapshot() {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    s.write(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return bytes.toByteArray();
            }

            @Override
            public Map<String, Long> counters() {
                return Map.of();
            }

            @Override
            public void close() {
                CLOSED.add("closed");
            }
        };
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
    public long asOf(LinearModelUpdate update) {
        return update.asOf();
    }

    @Override
    public String describe() {
        return "linear test scorer";
    }
}
