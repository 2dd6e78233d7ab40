package io.riffle.models.io;

import io.riffle.models.ctr.FtrlLogisticRegression;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Bytes of one chunk of an FTRL model's state (z then n, {@code chunkSize} floats each, big-endian, preceded by a
 * format number): how a trainer keeps its weight table in Flink keyed state, one map entry per chunk, so that an
 * incremental checkpoint writes only the chunks that changed.
 */
public final class FtrlChunkCodec {
    private static final int FORMAT = 1;

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
        ByteBuffer buffer = ByteBuffer.allocate(4 + 8 * z.length);
        buffer.putInt(FORMAT);
        buffer.asFloatBuffer().put(z).put(n);
        return buffer.array();
    }

    public void decode(int chunk, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int format = buffer.getInt();
        if (format != FORMAT || bytes.length != 4 + 8 * z.length) {
            throw new IOException("FTRL chunk " + chunk + " has format " + format + " and " + bytes.length
                    + " bytes; this build reads format " + FORMAT + " with " + (4 + 8 * z.length) + " bytes (was the"
                    + " state written with another --bits?)");
        }
        buffer.asFloatBuffer().get(z).get(n);
        learner.writeChunk(chunk, z, n);
    }
}
