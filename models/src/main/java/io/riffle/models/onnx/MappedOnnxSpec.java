package io.riffle.models.onnx;

import io.riffle.models.event.Impression;
import io.riffle.models.scoring.BatchScorer;
import io.riffle.models.scoring.EventAccess;
import io.riffle.models.scoring.OnnxModelVersion;
import io.riffle.models.scoring.ScorerSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scoring raw impressions with an imported ONNX model file through an {@link OnnxMapping}, optionally watching the
 * file for new versions.
 *
 * <p>Versions: the first is the file's ONNX {@code model_version} (at least 1); each change of the watched file's
 * content, or each newer {@link OnnxModelVersion} from a model stream, is the next. A new model that does not load or
 * does not match the mapping is logged and ignored: the current version keeps scoring. A checkpoint holds the version
 * and the SHA-256 of the model's bytes; a restore reopens the file and counts it as a new version if its content is
 * no longer the one checkpointed.
 *
 * @param modelPath          the ONNX file (readable where the tasks run)
 * @param mapping            event fields → input tensors
 * @param device             execution provider
 * @param intraOpThreads     ONNX Runtime threads per session
 * @param batchHint          buffers are sized for batches of this many events
 * @param watchIntervalMillis poll the file this often for a new version; 0 = never
 */
public record MappedOnnxSpec(String modelPath, OnnxMapping mapping, Device device, int intraOpThreads, int batchHint,
                             long watchIntervalMillis) implements ScorerSpec<Impression, OnnxModelVersion> {
    private static final Logger LOG = LoggerFactory.getLogger(MappedOnnxSpec.class);
    private static final int SNAPSHOT_FORMAT = 1;

    public MappedOnnxSpec {
        if (watchIntervalMillis < 0) {
            throw new IllegalArgumentException("--watch-model must be >= 0 ms (0 = off), got " + watchIntervalMillis);
        }
    }

    /**
     * What opening the model found: where it runs, why {@code --device auto} fell back to the CPU (or null), and the
     * model's version.
     */
    public record Checked(String device, String fallbackReason, long version) {
        @Override
        public String toString() {
            return device + ", model version " + version;
        }
    }

    /**
     * Opens the model once, to fail before a job starts when the file does not load, the device cannot be used or
     * the mapping does not match (the exception's message says which tensor and what).
     */
    public Checked check() {
        byte[] bytes = read(Path.of(modelPath));
        try (OnnxScorer scorer = OnnxScorer.open(bytes, mapping, device, intraOpThreads, 1)) {
            return new Checked(scorer.provider(), scorer.fallbackReason(), Math.max(1, scorer.modelVersion()));
        }
    }

    @Override
    public BatchScorer<Impression, OnnxModelVersion> open(byte[] restored) {
        byte[] bytes = read(Path.of(modelPath));
        String sha = sha256(bytes);
        OnnxScorer scorer = OnnxScorer.open(bytes, mapping, device, intraOpThreads, batchHint);
        long version = Math.max(1, scorer.modelVersion());
        if (restored != null) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(restored))) {
                int format = in.readInt();
                if (format != SNAPSHOT_FORMAT) {
                    throw new IOException("unknown ONNX scorer state format " + format);
                }
                long checkpointed = in.readLong();
                String checkpointedSha = in.readUTF();
                version = checkpointed + (checkpointedSha.equals(sha) ? 0 : 1);
            } catch (IOException e) {
                scorer.close();
                throw new UncheckedIOException(e);
            }
        }
        return new Scorer(this, scorer, version, sha);
    }

    @Override
    public EventAccess<Impression> events() {
        return EventAccess.IMPRESSION;
    }

    @Override
    public long version(OnnxModelVersion update) {
        return update.version();
    }

    @Override
    public long asOf(OnnxModelVersion update) {
        return update.asOf();
    }

    @Override
    public String describe() {
        return "ONNX model " + modelPath + " on " + device + (watchIntervalMillis > 0 ? ", watched every "
                + watchIntervalMillis + " ms" : "");
    }

    static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read ONNX model " + path + ": " + e.getMessage());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The open scorer: the current session, its version, and what the watched file looked like. */
    private static final class Scorer implements BatchScorer<Impression, OnnxModelVersion> {
        private final MappedOnnxSpec spec;
        private final Path path;
        private OnnxScorer current;
        private long version;
        private String sha;
        private long seenModified;
        private long seenSize;
        private long scored;
        private long swaps;

        Scorer(MappedOnnxSpec spec, OnnxScorer current, long version, String sha) {
            this.spec = spec;
            this.path = Path.of(spec.modelPath());
            this.current = current;
            this.version = version;
            this.sha = sha;
            remember();
        }

        private void remember() {
            try {
                seenModified = Files.getLastModifiedTime(path).toMillis();
                seenSize = Files.size(path);
            } catch (IOException e) {
                seenModified = -1;
            }
        }

        @Override
        public void score(java.util.List<Impression> events, int from, int count, double[] scores, int offset) {
            current.score(events, from, count, scores, offset);
            scored += count;
        }

        @Override
        public boolean apply(OnnxModelVersion update) {
            if (update.version() <= version) {
                return false;
            }
            OnnxScorer next;
            try {
                next = OnnxScorer.open(update.onnx(), spec.mapping(), spec.device(), spec.intraOpThreads(),
                        spec.batchHint());
            } catch (IllegalArgumentException e) {
                LOG.error("ONNX model version {} from {} is not used, version {} keeps scoring: {}",
                        update.version(), update.source(), version, e.getMessage());
                return false;
            }
            current.close();
            current = next;
            version = update.version();
            sha = sha256(update.onnx());
            swaps++;
            LOG.info("ONNX model version {} from {} now scores ({})", version, update.source(), next.provider());
            return true;
        }

        @Override
        public long pollIntervalMillis() {
            return spec.watchIntervalMillis();
        }

        @Override
        public OnnxModelVersion poll() {
            long modified;
            long size;
            try {
                modified = Files.getLastModifiedTime(path).toMillis();
                size = Files.size(path);
            } catch (IOException e) {
                return null;
            }
            if (modified == seenModified && size == seenSize) {
                return null;
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(path);
            } catch (IOException e) {
                return null;
            }
            if (bytes.length != size) {
                return null;
            }
            seenModified = modified;
            seenSize = size;
            if (sha256(bytes).equals(sha)) {
                return null;
            }
            return new OnnxModelVersion(path.getFileName().toString(), version + 1, Long.MIN_VALUE, path.toString(),
                    bytes);
        }

        @Override
        public long version() {
            return version;
        }

        @Override
        public byte[] snapshot() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(SNAPSHOT_FORMAT);
                out.writeLong(version);
                out.writeUTF(sha);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        @Override
        public Map<String, Long> counters() {
            return Map.of("scored", scored, "modelSwaps", swaps);
        }

        @Override
        public String device() {
            return current.provider();
        }

        @Override
        public void close() {
            current.close();
        }
    }
}
