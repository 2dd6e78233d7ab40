package io.riffle.models.io;

import io.riffle.models.RiffleVersion;
import io.riffle.models.ctr.CtrTrainer;
import io.riffle.models.ctr.FtrlLogisticRegression;
import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.features.FeatureSpace;
import io.riffle.models.features.FieldCross;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The versioned file format of a trained FTRL model: what {@code --init-model} reads and what a job writes at the end.
 *
 * <pre>
 * magic      8 bytes  "RIFFLEM\0"
 * kind       UTF      "ftrl-lr"
 * format     int      1
 * provenance          model name (UTF), version, asOf, examples, last input position (longs), code version (UTF)
 * params              alpha, beta, l1, l2 (doubles)
 * features            bits, seed (ints), crosses (int count, then left/right UTF pairs)
 * state               coordinates with non-zero z or n (int count, then int index, float z, float n, ascending)
 * </pre>
 *
 * <p>Big-endian (Java's {@code DataOutput}). The bytes are a function of the model alone, so two identical replays
 * write identical files. Never Java serialization.
 */
public final class FtrlModelFile {
    public static final String KIND = "ftrl-lr";
    public static final int FORMAT = 1;
    private static final byte[] MAGIC = {'R', 'I', 'F', 'F', 'L', 'E', 'M', 0};

    /** What a model file says about where its model came from. */
    public record Provenance(String model, long version, long asOf, long examples, long lastSeq, String codeVersion) {}

    /** A model read from a file. */
    public record Loaded(Provenance provenance, FtrlLogisticRegression learner) {
        /** A trainer that continues from this model, with fresh metrics. */
        public CtrTrainer toTrainer(String model, int metricsWindow) {
            CtrTrainer trainer = new CtrTrainer(model, learner, metricsWindow, provenance.version());
            trainer.resumeProvenance(provenance.examples(), provenance.lastSeq(), provenance.asOf());
            return trainer;
        }
    }

    private FtrlModelFile() {}

    public static void write(CtrTrainer trainer, long asOf, OutputStream stream) throws IOException {
        FtrlLogisticRegression learner = trainer.learner();
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream));
        out.write(MAGIC);
        out.writeUTF(KIND);
        out.writeInt(FORMAT);
        out.writeUTF(trainer.model());
        out.writeLong(trainer.version());
        out.writeLong(asOf);
        out.writeLong(trainer.examplesSeen());
        out.writeLong(trainer.lastSeq());
        out.writeUTF(RiffleVersion.get());
        FtrlParams p = learner.params();
        out.writeDouble(p.alpha());
        out.writeDouble(p.beta());
        out.writeDouble(p.l1());
        out.writeDouble(p.l2());
        FeatureSpace space = learner.space();
        out.writeInt(space.bits());
        out.writeInt(space.seed());
        out.writeInt(space.crosses().size());
        for (FieldCross c : space.crosses()) {
            out.writeUTF(c.left());
            out.writeUTF(c.right());
        }
        int size = space.size();
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (learner.z(i) != 0f || learner.n(i) != 0f) {
                count++;
            }
        }
        out.writeInt(count);
        for (int i = 0; i < size; i++) {
            if (learner.z(i) != 0f || learner.n(i) != 0f) {
                out.writeInt(i);
                out.writeFloat(learner.z(i));
                out.writeFloat(learner.n(i));
            }
        }
        out.flush();
    }

    /** Writes atomically: to a temporary file beside {@code path}, then renamed over it. */
    public static void write(CtrTrainer trainer, long asOf, Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            write(trainer, asOf, out);
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Loaded read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in);
        } catch (IOException e) {
            throw new IOException("cannot read model file " + path + ": " + e.getMessage(), e);
        }
    }

    public static Loaded read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream));
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a Riffle model file (bad magic bytes)");
        }
        String kind = in.readUTF();
        if (!KIND.equals(kind)) {
            throw new IOException("model file holds a '" + kind + "' model, expected '" + KIND + "'");
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("model file format " + format + " is not readable by this build (reads " + FORMAT
                    + ")");
        }
        Provenance provenance = new Provenance(in.readUTF(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readUTF());
        FtrlParams params = new FtrlParams(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
        int bits = in.readInt();
        int seed = in.readInt();
        int crossCount = in.readInt();
        List<FieldCross> crosses = new ArrayList<>();
        for (int k = 0; k < crossCount; k++) {
            crosses.add(new FieldCross(in.readUTF(), in.readUTF()));
        }
        FtrlLogisticRegression learner = new FtrlLogisticRegression(params, new FeatureSpace(bits, crosses, seed));
        int count = in.readInt();
        for (int k = 0; k < count; k++) {
            int i = in.readInt();
            if (i < 0 || i >= learner.space().size()) {
                throw new IOException("model file coordinate " + i + " is outside 2^" + bits);
            }
            learner.setCoordinate(i, in.readFloat(), in.readFloat());
        }
        learner.drainTouched();
        learner.markAllDirty();
        return new Loaded(provenance, learner);
    }
}
