package io.riffle.models.graph;

import io.riffle.models.RiffleVersion;
import io.riffle.models.nn.AdamConfig;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The versioned file of a trained temporal-graph link predictor: its provenance, the full {@link TgnConfig} and the
 * shared parameters with their Adam state ({@link TgnParameters}). Node memories are not in it (they are per-node
 * state and live in the job's state backend); a warm start from this file therefore starts with empty memories and
 * trained parameters.
 *
 * <pre>
 * magic      8 bytes  "RIFFLEM\0" (every Riffle model file)
 * kind       UTF      "tgn-link"
 * format     int      1
 * provenance          graph name (UTF), model step, as-of time, interactions, nodes, last input position (longs),
 *                     code version (UTF)
 * config              memoryDim, timeDim, edgeFeatureDim, decoderHidden (ints), baselineFeatures (boolean),
 *                     attention (boolean, int neighbours, int dim), pres (boolean, double gamma, int window),
 *                     adam (doubles learningRate, beta1, beta2, epsilon, clipNorm), negatives (int count, double
 *                     historicalFraction), evaluation (boolean apNegative, int mrrNegatives, double
 *                     mrrHistoricalFraction), baselines (doubles edgeBankWindow, recencyScale, popularityHalfLife),
 *                     neighbourCapacity, samplerCapacity (ints), seed (long)
 * parameters          {@link TgnParameters#write} (its own magic, kind and format)
 * </pre>
 *
 * <p>Big-endian ({@code DataOutput}); the bytes are a function of the model alone. Never Java serialization.
 */
public final class GraphModelFile {
    public static final String KIND = "tgn-link";
    public static final int FORMAT = 1;
    private static final byte[] MAGIC = {'R', 'I', 'F', 'F', 'L', 'E', 'M', 0};

    /**
     * Where a model came from.
     *
     * @param graph        the graph's name (the job's key)
     * @param step         optimiser steps taken (the model version)
     * @param asOf         event time (epoch ms) of the last interaction learned from
     * @param interactions interactions learned from
     * @param nodes        distinct nodes seen
     * @param lastSeq      input position of the last interaction learned from
     * @param codeVersion  Riffle version that wrote it
     */
    public record Provenance(String graph, long step, long asOf, long interactions, long nodes, long lastSeq,
                             String codeVersion) {}

    /** A model read from a file. */
    public record Loaded(Provenance provenance, TgnConfig config, TgnParameters parameters) {}

    private GraphModelFile() {}

    public static void write(Provenance provenance, TgnParameters parameters, OutputStream stream)
            throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream));
        out.write(MAGIC);
        out.writeUTF(KIND);
        out.writeInt(FORMAT);
        out.writeUTF(provenance.graph());
        out.writeLong(provenance.step());
        out.writeLong(provenance.asOf());
        out.writeLong(provenance.interactions());
        out.writeLong(provenance.nodes());
        out.writeLong(provenance.lastSeq());
        out.writeUTF(provenance.codeVersion() == null ? RiffleVersion.get() : provenance.codeVersion());
        writeConfig(parameters.config(), out);
        parameters.write(out);
        out.flush();
    }

    public static Loaded read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in);
        }
    }

    /**
     * Reads a model file.
     *
     * @throws IOException if the bytes are not a tgn-link model of a format this build reads, or are cut short
     */
    public static Loaded read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a Riffle model file (bad magic bytes)");
        }
        String kind = in.readUTF();
        if (!KIND.equals(kind)) {
            throw new IOException("model file is of kind '" + kind + "', expected '" + KIND + "'");
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("tgn-link model format " + format + " is not readable by this build (reads "
                    + FORMAT + ")");
        }
        Provenance provenance = new Provenance(in.readUTF(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readUTF());
        TgnConfig config = readConfig(in);
        TgnParameters parameters = TgnParameters.read(config, in);
        if (in.read() != -1) {
            throw new IOException("model file has trailing bytes");
        }
        return new Loaded(provenance, config, parameters);
    }

    /** Writes every field of {@code c} (the "config" block above). */
    public static void writeConfig(TgnConfig c, DataOutput out) throws IOException {
        out.writeInt(c.memoryDim());
        out.writeInt(c.timeDim());
        out.writeInt(c.edgeFeatureDim());
        out.writeInt(c.decoderHidden());
        out.writeBoolean(c.baselineFeatures());
        out.writeBoolean(c.attention().enabled());
        out.writeInt(c.attention().neighbours());
        out.writeInt(c.attention().dim());
        out.writeBoolean(c.pres().enabled());
        out.writeDouble(c.pres().gamma());
        out.writeInt(c.pres().window());
        AdamConfig a = c.optimizer();
        out.writeDouble(a.learningRate());
        out.writeDouble(a.beta1());
        out.writeDouble(a.beta2());
        out.writeDouble(a.epsilon());
        out.writeDouble(a.clipNorm());
        out.writeInt(c.negatives().count());
        out.writeDouble(c.negatives().historicalFraction());
        out.writeBoolean(c.evaluation().apNegative());
        out.writeInt(c.evaluation().mrrNegatives());
        out.writeDouble(c.evaluation().mrrHistoricalFraction());
        out.writeDouble(c.baselines().edgeBankWindow());
        out.writeDouble(c.baselines().recencyScale());
        out.writeDouble(c.baselines().popularityHalfLife());
        out.writeInt(c.neighbourCapacity());
        out.writeInt(c.samplerCapacity());
        out.writeLong(c.seed());
    }

    /** Reads what {@link #writeConfig} wrote; the config's own checks apply. */
    public static TgnConfig readConfig(DataInput in) throws IOException {
        try {
            int memory = in.readInt();
            int time = in.readInt();
            int edge = in.readInt();
            int hidden = in.readInt();
            boolean features = in.readBoolean();
            AttentionConfig attention = new AttentionConfig(in.readBoolean(), in.readInt(), in.readInt());
            PresConfig pres = new PresConfig(in.readBoolean(), in.readDouble(), in.readInt());
            AdamConfig adam = new AdamConfig(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                    in.readDouble());
            NegativeSamplingConfig negatives = new NegativeSamplingConfig(in.readInt(), in.readDouble());
            EvaluationConfig evaluation = new EvaluationConfig(in.readBoolean(), in.readInt(), in.readDouble());
            BaselineConfig baselines = new BaselineConfig(in.readDouble(), in.readDouble(), in.readDouble());
            return new TgnConfig(memory, time, edge, hidden, features, attention, pres, adam, negatives, evaluation,
                    baselines, in.readInt(), in.readInt(), in.readLong());
        } catch (IllegalArgumentException e) {
            throw new IOException("model file holds an invalid config: " + e.getMessage(), e);
        }
    }
}
