package io.riffle.models.scoring;

import io.riffle.models.ctr.LinearModelUpdate;
import io.riffle.models.ctr.LinearScorer;
import io.riffle.models.event.Impression;
import io.riffle.models.features.FeatureHasher;
import io.riffle.models.features.FeatureSpace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A two-stage cascade ({@link CascadeWindow}): the cheap model is the online FTRL model the trainer publishes
 * (applied from its model stream like any scorer's); the expensive model is any other scorer of raw impressions
 * (an imported ONNX model). Each batch is scored by the cheap model; the events inside the window go, as one smaller
 * batch, to the expensive model, whose score replaces theirs. Predictions carry the cheap model's version.
 *
 * @param space     the trainer's feature space (events are hashed with it for the cheap model)
 * @param window    which cheap scores are sent on
 * @param expensive the expensive model
 */
public record CascadeSpec(FeatureSpace space, CascadeWindow window, ScorerSpec<Impression, ?> expensive)
        implements ScorerSpec<Impression, LinearModelUpdate> {

    @Override
    public BatchScorer<Impression, LinearModelUpdate> open(byte[] restored) {
        LinearScorer cheap = new LinearScorer(space.bits());
        if (restored != null) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(restored))) {
                cheap = LinearScorer.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Scorer(new FeatureHasher(space), cheap, window, expensive.open(null));
    }

    @Override
    public EventAccess<Impression> events() {
        return EventAccess.IMPRESSION;
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
        return "cascade: online FTRL, then " + expensive.describe() + " for cheap scores in " + window;
    }

    private static final class Scorer implements BatchScorer<Impression, LinearModelUpdate> {
        private final FeatureHasher hasher;
        private final LinearScorer cheap;
        private final CascadeWindow window;
        private final BatchScorer<Impression, ?> expensive;
        private final List<Impression> sent = new ArrayList<>();
        private int[] sentAt = new int[64];
        private double[] sentScores = new double[64];
        private long scored;
        private long sentOn;

        Scorer(FeatureHasher hasher, LinearScorer cheap, CascadeWindow window, BatchScorer<Impression, ?> expensive) {
            this.hasher = hasher;
            this.cheap = cheap;
            this.window = window;
            this.expensive = expensive;
        }

        @Override
        public void score(List<Impression> events, int from, int count, double[] scores, int offset) {
            sent.clear();
            if (sentAt.length < count) {
                sentAt = new int[count];
                sentScores = new double[count];
            }
            for (int r = 0; r < count; r++) {
                Impression e = events.get(from + r);
                double p = cheap.score(hasher.hash(e));
                scores[offset + r] = p;
                if (window.sendOn(p)) {
                    sentAt[sent.size()] = offset + r;
                    sent.add(e);
                }
            }
            if (!sent.isEmpty()) {
                expensive.score(sent, 0, sent.size(), sentScores, 0);
                for (int k = 0; k < sent.size(); k++) {
                    scores[sentAt[k]] = sentScores[k];
                }
            }
            scored += count;
            sentOn += sent.size();
        }

        @Override
        public boolean apply(LinearModelUpdate update) {
            return cheap.apply(update);
        }

        @Override
        public long version() {
            return cheap.version();
        }

        @Override
        public byte[] snapshot() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream o = new DataOutputStream(bytes)) {
                cheap.write(o);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        @Override
        public Map<String, Long> counters() {
            return Map.of("scored", scored, "sentOn", sentOn);
        }

        @Override
        public String device() {
            return "java+" + expensive.device();
        }

        @Override
        public void close() {
            expensive.close();
        }
    }
}
