package io.riffle.models.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.riffle.models.ctr.FtrlLogisticRegression;
import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.features.FeatureSpace;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FtrlChunkCodecTest {
    private static final FeatureSpace SPACE = new FeatureSpace(16, List.of(), 0);

    private static FtrlLogisticRegression learned(int examples, int features, long seed) {
        FtrlLogisticRegression learner = new FtrlLogisticRegression(FtrlParams.defaults(), SPACE);
        Random random = new Random(seed);
        int[] hashes = new int[3];
        float[] values = {1f, 1f, 1f};
        for (int e = 0; e < examples; e++) {
            for (int k = 0; k < hashes.length; k++) {
                hashes[k] = random.nextInt(features) * 7919 % SPACE.size();
            }
            learner.learn(hashes, values, hashes.length, random.nextInt(10) == 0 ? 1 : 0);
        }
        return learner;
    }

    private static void assertSameTable(FtrlLogisticRegression a, FtrlLogisticRegression b) {
        float[] za = new float[a.chunkSize()];
        float[] na = new float[a.chunkSize()];
        float[] zb = new float[b.chunkSize()];
        float[] nb = new float[b.chunkSize()];
        for (int c = 0; c < SPACE.size() / a.chunkSize(); c++) {
            a.readChunk(c, za, na);
            b.readChunk(c, zb, nb);
            assertThat(zb).as("z of chunk " + c).isEqualTo(za);
            assertThat(nb).as("n of chunk " + c).isEqualTo(na);
        }
    }

    @Test
    void aChunkWithFewTouchedSlotsIsWrittenSparselyAndReadBackBitForBit() throws Exception {
        FtrlLogisticRegression learner = learned(2_000, 40, 1);
        FtrlChunkCodec codec = new FtrlChunkCodec(learner);
        FtrlLogisticRegression restored = new FtrlLogisticRegression(FtrlParams.defaults(), SPACE);
        FtrlChunkCodec reader = new FtrlChunkCodec(restored);
        long bytes = 0;
        for (int c = 0; c < SPACE.size() / learner.chunkSize(); c++) {
            byte[] chunk = codec.encode(c);
            bytes += chunk.length;
            reader.decode(c, chunk);
        }
        assertSameTable(learner, restored);
        assertThat(bytes).as("40 features over 16 chunks of 4096 slots").isLessThan(16 * 2_000L);
    }

    @Test
    void aChunkMostlyInUseIsWrittenDensely() throws Exception {
        FtrlLogisticRegression learner = learned(200_000, 1 << 16, 2);
        byte[] chunk = new FtrlChunkCodec(learner).encode(0);
        assertThat(ByteBuffer.wrap(chunk).getInt()).isEqualTo(1);
        assertThat(chunk).hasSize(4 + 8 * learner.chunkSize());
        FtrlLogisticRegression restored = new FtrlLogisticRegression(FtrlParams.defaults(), SPACE);
        FtrlChunkCodec reader = new FtrlChunkCodec(restored);
        FtrlChunkCodec writer = new FtrlChunkCodec(learner);
        for (int c = 0; c < SPACE.size() / learner.chunkSize(); c++) {
            reader.decode(c, writer.encode(c));
        }
        assertSameTable(learner, restored);
    }

    @Test
    void aDecodedSparseChunkClearsWhatTheChunkHeldBefore() throws Exception {
        FtrlLogisticRegression busy = learned(200_000, 1 << 16, 3);
        FtrlLogisticRegression quiet = learned(100, 5, 4);
        new FtrlChunkCodec(busy).decode(0, new FtrlChunkCodec(quiet).encode(0));
        float[] zb = new float[busy.chunkSize()];
        float[] nb = new float[busy.chunkSize()];
        float[] zq = new float[quiet.chunkSize()];
        float[] nq = new float[quiet.chunkSize()];
        busy.readChunk(0, zb, nb);
        quiet.readChunk(0, zq, nq);
        assertThat(zb).isEqualTo(zq);
        assertThat(nb).isEqualTo(nq);
    }

    @Test
    void aChunkOfAnotherTableSizeIsRefusedWithTheLikelyCause() {
        FtrlLogisticRegression learner = learned(10, 5, 5);
        byte[] sparseOutOfRange = ByteBuffer.allocate(20).putInt(2).putInt(1).putInt(5_000).putFloat(1f)
                .putFloat(1f).array();
        assertThatThrownBy(() -> new FtrlChunkCodec(learner).decode(0, sparseOutOfRange))
                .hasMessageContaining("slot 5000 of a 4096-slot chunk");
        assertThatThrownBy(() -> new FtrlChunkCodec(learner).decode(0, new byte[] {0, 0, 0, 1, 0}))
                .hasMessageContaining("another --bits");
    }
}
