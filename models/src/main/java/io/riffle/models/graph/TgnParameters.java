package io.riffle.models.graph;

import io.riffle.models.nn.Adam;
import io.riffle.models.nn.GruCell;
import io.riffle.models.nn.Linear;
import io.riffle.models.nn.ParameterLayout;
import io.riffle.models.nn.Rng;
import io.riffle.models.nn.SingleHeadAttention;
import io.riffle.models.nn.TimeEncoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * The shared (not per-node) parameters of the TGN learner and their Adam state: the GRU memory updater, the time
 * encoder, the optional attention and the decoder MLP, as one flat vector θ laid out by a {@link ParameterLayout}.
 * Small: about 142 thousand floats at d = 100 (1.7 MB with Adam's two moments).
 *
 * <p>Serialized separately from node state (the operator checkpoints it in operator state):
 *
 * <pre>
 * magic    8 bytes  "RIFFLETG"
 * kind     UTF      "tgn-parameters"
 * format   int      1
 * layout   int block count, then per block: name (UTF), size (int) — checked against the config on read
 * theta    size × float
 * adam     steps (long), m (size × float), v (size × float)
 * </pre>
 */
public final class TgnParameters {
    public static final String KIND = "tgn-parameters";
    public static final int FORMAT = 1;
    private static final byte[] MAGIC = {'R', 'I', 'F', 'F', 'L', 'E', 'T', 'G'};

    final TgnConfig config;
    final ParameterLayout layout = new ParameterLayout();
    final GruCell gru;
    final TimeEncoder time;
    final SingleHeadAttention attention;
    final Linear decoderHidden;
    final Linear decoderOut;
    final float[] theta;
    final float[] grad;
    Adam adam;

    private TgnParameters(TgnConfig config) {
        this.config = config;
        int d = config.memoryDim();
        this.gru = new GruCell(layout, "memory.gru", config.messageDim(), d);
        this.time = new TimeEncoder(layout, "time", config.timeDim());
        this.attention = config.attention().enabled()
                ? new SingleHeadAttention(layout, "embedding.attention", d + config.timeDim(),
                        config.attention().dim(), d, config.attention().neighbours())
                : null;
        this.decoderHidden = new Linear(layout, "decoder.hidden", config.decoderInputDim(), config.decoderHidden());
        this.decoderOut = new Linear(layout, "decoder.out", config.decoderHidden(), 1);
        this.theta = new float[layout.size()];
        this.grad = new float[layout.size()];
        this.adam = new Adam(config.optimizer(), layout.size());
    }

    /** Fresh parameters initialised from the config's seed (its own split stream). */
    public static TgnParameters initialize(TgnConfig config) {
        TgnParameters p = new TgnParameters(config);
        Rng rng = new Rng(config.seed()).split();
        p.gru.initialize(p.theta, rng);
        p.time.initialize(p.theta);
        if (p.attention != null) {
            p.attention.initialize(p.theta, rng);
        }
        p.decoderHidden.initialize(p.theta, rng);
        p.decoderOut.initialize(p.theta, rng);
        return p;
    }

    public TgnConfig config() {
        return config;
    }

    /** Number of parameters. */
    public int size() {
        return theta.length;
    }

    /** Named blocks of θ. */
    public List<ParameterLayout.Block> blocks() {
        return layout.blocks();
    }

    /** Number of optimiser steps taken. */
    public long steps() {
        return adam.steps();
    }

    /** A copy of θ (for inspection and tests). */
    public float[] values() {
        return theta.clone();
    }

    /** An independent copy with equal parameters and optimiser state. */
    public TgnParameters copy() {
        TgnParameters c = new TgnParameters(config);
        System.arraycopy(theta, 0, c.theta, 0, theta.length);
        c.adam = adam.copy();
        return c;
    }

    /** True when both have the same config and bit-identical θ and Adam state. */
    public boolean sameState(TgnParameters o) {
        return config.equals(o.config) && Arrays.equals(theta, o.theta) && adam.sameState(o.adam);
    }

    public void write(DataOutput out) throws IOException {
        out.write(MAGIC);
        out.writeUTF(KIND);
        out.writeInt(FORMAT);
        List<ParameterLayout.Block> blocks = layout.blocks();
        out.writeInt(blocks.size());
        for (ParameterLayout.Block b : blocks) {
            out.writeUTF(b.name());
            out.writeInt(b.size());
        }
        for (float x : theta) {
            out.writeFloat(x);
        }
        adam.write(out);
    }

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + theta.length * 12);
            DataOutputStream out = new DataOutputStream(bytes);
            write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads parameters written by {@link #write} for a network shaped by {@code config}.
     *
     * @throws IOException if the bytes are not tgn parameters of format 1 or the layout differs from the config's
     */
    public static TgnParameters read(TgnConfig config, DataInput in) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not Riffle tgn parameters (bad magic bytes)");
        }
        String kind = in.readUTF();
        if (!KIND.equals(kind)) {
            throw new IOException("parameters are of kind '" + kind + "', expected '" + KIND + "'");
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("tgn parameter format " + format + " is not readable by this build (reads "
                    + FORMAT + ")");
        }
        TgnParameters p = new TgnParameters(config);
        List<ParameterLayout.Block> blocks = p.layout.blocks();
        int count = in.readInt();
        if (count != blocks.size()) {
            throw new IOException("parameters hold " + count + " blocks, this config needs " + blocks.size()
                    + " (" + blockNames(blocks) + ")");
        }
        for (ParameterLayout.Block b : blocks) {
            String name = in.readUTF();
            int size = in.readInt();
            if (!b.name().equals(name) || b.size() != size) {
                throw new IOException("parameter block " + name + " (" + size + ") does not match this config's "
                        + b.name() + " (" + b.size() + "): memory, time, decoder or attention widths differ");
            }
        }
        for (int i = 0; i < p.theta.length; i++) {
            p.theta[i] = in.readFloat();
        }
        p.adam.read(in);
        return p;
    }

    public static TgnParameters fromBytes(TgnConfig config, byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        TgnParameters p = read(config, in);
        if (in.read() != -1) {
            throw new IOException("tgn parameters are followed by trailing bytes");
        }
        return p;
    }

    private static String blockNames(List<ParameterLayout.Block> blocks) {
        StringBuilder s = new StringBuilder();
        for (ParameterLayout.Block b : blocks) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(b.name());
        }
        return s.toString();
    }
}
