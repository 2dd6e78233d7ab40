package io.riffle.models.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NodeStateCodecTest {
    /** The state in {@code golden/tgn-node-format1.bin}: every section present, a non-ASCII neighbour id. */
    static NodeState goldenState() {
        NodeState s = new NodeState(4, 2, true);
        float[] m = {0.5f, -1.25f, 3.0f, Float.MIN_VALUE};
        System.arraycopy(m, 0, s.memory, 0, 4);
        s.memoryTime = 1_082_040_961L;
        s.interactions = 3;
        s.popularity = 1.75f;
        s.popularityTime = 1_082_155_839L;
        s.hasPending = true;
        s.pendingTime = 1_082_155_839L;
        s.pendingCount = 2;
        float[] other = {-0.5f, 0.25f, 0f, 1f};
        System.arraycopy(other, 0, s.pendingOther, 0, 4);
        s.pendingFeatures[0] = 7f;
        s.pendingFeatures[1] = -7f;
        s.presCount = 5;
        float[] mean = {0.01f, 0.02f, -0.03f, 0.04f};
        System.arraycopy(mean, 0, s.presMean, 0, 4);
        s.recordNeighbour("42", 1_082_040_961L, true, 8);
        s.recordNeighbour("Zoë", 1_082_155_839L, false, 8);
        s.recordNeighbour("Zoë", 1_082_155_900L, false, 8);
        return s;
    }

    @Test
    void readsTheGoldenFormatOneRecordAndWritesItBackByteForByte() throws Exception {
        byte[] golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/tgn-node-format1.bin")) {
            golden = in.readAllBytes();
        }
        NodeState read = new NodeState(4, 2, true);
        NodeStateCodec.decode(golden, read);
        assertThat(read.sameState(goldenState())).isTrue();
        assertThat(read.memory()).containsExactly(0.5f, -1.25f, 3.0f, Float.MIN_VALUE);
        assertThat(read.memoryTime()).isEqualTo(1_082_040_961L);
        assertThat(read.pendingCount()).isEqualTo(2);
        assertThat(read.neighbourId(1)).isEqualTo("Zoë");
        assertThat(read.countIn(1)).isEqualTo(2);
        assertThat(read.lastIn(1)).isEqualTo(1_082_155_900L);
        assertThat(read.lastOut(1)).isEqualTo(NodeState.NEVER);
        assertThat(NodeStateCodec.encode(read)).isEqualTo(golden);
        assertThat(golden.length).isEqualTo(NodeStateCodec.encodedSize(read));
    }

    @Test
    void roundTripsBitForBitIncludingSpecialFloats() {
        NodeState s = goldenState();
        s.memory[1] = Float.intBitsToFloat(0x7fc00001); // a NaN payload survives (the learner never writes one)
        s.memory[2] = -0f;
        byte[] bytes = NodeStateCodec.encode(s);
        NodeState back = new NodeState(4, 2, true);
        NodeStateCodec.decode(bytes, back);
        assertThat(Float.floatToRawIntBits(back.memory[1])).isEqualTo(0x7fc00001);
        assertThat(Float.floatToRawIntBits(back.memory[2])).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(NodeStateCodec.encode(back)).isEqualTo(bytes);
    }

    @Test
    void recordSizeAtTheDefaultWidthIsAsDocumented() {
        NodeState s = new NodeState(100, 0, false);
        assertThat(NodeStateCodec.encode(s).length).isEqualTo(436);
        s.hasPending = true;
        assertThat(NodeStateCodec.encode(s).length).isEqualTo(848);
        s.recordNeighbour("1234", 5, true, 256);
        assertThat(NodeStateCodec.encode(s).length).isEqualTo(848 + 26 + 4);
        assertThat(NodeStateCodec.encode(new NodeState(100, 0, true)).length).isEqualTo(436 + 404);
    }

    @Test
    void refusesOtherVersionsShapesTruncationAndTrailingBytes() {
        byte[] bytes = NodeStateCodec.encode(goldenState());
        byte[] v2 = bytes.clone();
        v2[0] = 2;
        assertThatThrownBy(() -> NodeStateCodec.decode(v2, new NodeState(4, 2, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format 2");
        assertThatThrownBy(() -> NodeStateCodec.decode(bytes, new NodeState(8, 2, true)))
                .hasMessageContaining("memory width 4");
        assertThatThrownBy(() -> NodeStateCodec.decode(bytes, new NodeState(4, 2, false)))
                .hasMessageContaining("pres true");
        assertThatThrownBy(() -> NodeStateCodec.decode(Arrays.copyOf(bytes, bytes.length - 3),
                new NodeState(4, 2, true))).hasMessageContaining("truncated");
        assertThatThrownBy(() -> NodeStateCodec.decode(Arrays.copyOf(bytes, bytes.length + 1),
                new NodeState(4, 2, true))).hasMessageContaining("trailing");
    }

    @Test
    void storesReadBackWhatWasWrittenAndNeverShareObjects() {
        for (NodeStore store : new NodeStore[] {new InMemoryNodeStore(), new SerializedNodeStore()}) {
            NodeState s = goldenState();
            NodeState target = new NodeState(4, 2, true);
            assertThat(store.read("x", target)).isFalse();
            store.write("x", s);
            s.memory[0] = 99f; // changing the caller's object afterwards must not change the store
            assertThat(store.read("x", target)).isTrue();
            assertThat(target.sameState(goldenState())).isTrue();
            float[] mem = new float[4];
            assertThat(store.readMemory("x", new NodeState(4, 2, true), mem)).isTrue();
            assertThat(mem).containsExactly(goldenState().memory());
            assertThat(store.readMemory("y", new NodeState(4, 2, true), mem)).isFalse();
        }
    }

    @Test
    void neighbourTablesEvictTheLeastRecentlyActiveNeighbour() {
        NodeState s = new NodeState(2, 0, false);
        assertThat(s.recordNeighbour("a", 10, true, 2)).isFalse();
        assertThat(s.recordNeighbour("b", 20, false, 2)).isFalse();
        assertThat(s.recordNeighbour("a", 30, false, 2)).isFalse(); // a is now the most recent
        assertThat(s.recordNeighbour("c", 40, true, 2)).isTrue(); // evicts b (last active 20)
        assertThat(s.findNeighbour("b")).isEqualTo(-1);
        int a = s.findNeighbour("a");
        assertThat(s.lastOut(a)).isEqualTo(10);
        assertThat(s.lastIn(a)).isEqualTo(30);
        assertThat(s.countOut(a)).isEqualTo(1);
        assertThat(s.countIn(a)).isEqualTo(1);
        assertThat(s.neighbourCount()).isEqualTo(2);
    }
}
