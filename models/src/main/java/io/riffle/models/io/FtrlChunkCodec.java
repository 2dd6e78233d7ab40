package io.riffle.models.io;

import io.riffle.models.ctr.FtrlLogisticRegression;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bytes of one chunk of an FTRL model's state: how a trainer keeps its weight table in Flink keyed state, one map
 * entry per chunk, so that an incremental checkpoint writes only the chunks that changed.
 *
 * <p>Two layouts, each preceded by a format number. Dense (format 1): z then n, {@code chunkSize} floats each,
 * big-endian. Sparse (format 2): the number of slots in use, then each one's index, z and n. A slot is in use when z
 * or n is not zero, bit for bit. The encoder writes whichever is smaller: with hashed features most chunks of a
 * large table hold a few touched slots among thousands (a simulated log of 25,000 live features touches every one of
 * the 256 chunks of a 2^20 table within seconds), and writing them densely made each checkpoint 8 MB where 0.3 MB
 * carry the same state. Both decode to the same table, bit for bit.
 */
public final class FtrlChunkCodec {
    private static final int DENSE = 1;
    private static final int SPARSE = 2;
    private static final int SPARSE_ENTRY_BYTES = 12;

    private final FtrlLogisticRegression learner;
    private final float[] z;
    private final float[] n;

    public FtrlChunkCodec(FtrlLogisticRegression learner) {
        this.learner = learner;
        this.z = new float[learner.chunkSize()];
        this.n = new float[learner.chunkSize()];
    }

    public byte[] encode(int chunk) {
        learner.readChunk(chunk, z, n);
        int used = 0;
        for (int i = 0; i < z.length; i++) {
            if (inUse(i)) {
                used++;
            }
        }
        if (8 + SPARSE_ENTRY_BYTES * (long) used >= denseBytes()) {
            ByteBuffer buffer = ByteBuffer.allocate(denseBytes());
            buffer.putInt(DENSE);
            buffer.asFloatBuffer().put(z).put(n);
            return buffer.array();
        }
        ByteBuffer buffer = ByteBuffer.allocate(8 + SPARSE_ENTRY_BYTES * used);
        buffer.putInt(SPARSE).putInt(used);
        for (int i = 0; i < z.length; i++) {
            if (inUse(i)) {
                buffer.putInt(i).putFloat(z[i]).putFloat(n[i]);
            }
        }
        return buffer.array();
    }

    public void decode(int chunk, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int format = bytes.length >= 4 ? buffer.getInt() : -1;
        if (format == DENSE && bytes.length == denseBytes()) {
            buffer.asFloatBuffer().get(z).get(n);
        } else if (format == SPARSE && bytes.length >= 8
                && bytes.length == 8 + SPARSE_ENTRY_BYTES * (long) buffer.getInt(4)) {
            Arrays.fill(z, 0f);
            Arrays.fill(n, 0f);
            int used = buffer.getInt();
            for (int k = 0; k < used; k++) {
                int i = buffer.getInt();
                if (i < 0 || i >= z.length) {
                    throw new IOException("FTRL chunk " + chunk + " names slot " + i + " of a " + z.length
                            + "-slot chunk (was the state written with another --bits?)");
                }
                z[i] = buffer.getFloat();
                n[i] = buffer.getFloat();
            }
        } else {
            throw new IOException("FTRL chunk " + chunk + " has format " + format + " and " + bytes.length
                    + " bytes; this build reads format " + DENSE + " with " + denseBytes() + " bytes or format "
                    + SPARSE + " (was the state written with another --bits?)");
        }
        learner.writeChunk(chunk, z, n);
    }

    private boolean inUse(int i) {
        return Float.floatToRawIntBits(z[i]) != 0 || Float.floatToRawIntBits(n[i]) != 0;
    }

    private int denseBytes() {
        return 4 + 8 * z.length;
    }
}
