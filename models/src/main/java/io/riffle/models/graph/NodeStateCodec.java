package io.riffle.models.graph;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The versioned binary format of one {@link NodeState}: the value a RocksDB-backed operator keeps per node id in
 * {@code MapState<String, byte[]>}. Big-endian, the bytes {@link java.io.DataOutput} would write for the same
 * primitives; a function of the state alone, so equal states give equal bytes. Never Java serialization.
 *
 * <pre>
 * format        byte   1
 * flags         byte   bit 0: pending message present; bit 1: PRES mean present
 * memoryDim     u16    d
 * edgeDim       u16    e
 * memoryTime    long   time of the last message applied ({@link NodeState#NEVER} = Long.MIN_VALUE if none)
 * memory        d × float
 * interactions  long
 * popularity    float, popularityTime long
 * [pending]     pendingTime long, pendingCount int, other memory d × float, features e × float
 * [pres]        presCount int, presMean d × float
 * neighbours    u16 count, then per neighbour: id (u16 byte length + UTF-8), lastOut long, lastIn long,
 *               countOut int, countIn int
 * </pre>
 *
 * <p>At d = 100 with no edge features a node is 436 bytes without a pending message and 848 bytes with one, plus 26
 * bytes and the id's UTF-8 length per neighbour, plus 404 bytes with PRES on (the golden file
 * {@code golden/tgn-node-format1.bin} in the tests pins the layout).
 */
public final class NodeStateCodec {
    public static final int FORMAT = 1;
    private static final int FLAG_PENDING = 1;
    private static final int FLAG_PRES = 2;

    private NodeStateCodec() {}

    /** Exact encoded size of {@code state}. */
    public static int encodedSize(NodeState s) {
        int d = s.memoryDim;
        int size = 1 + 1 + 2 + 2 + 8 + 4 * d + 8 + 4 + 8;
        if (s.hasPending) {
            size += 8 + 4 + 4 * d + 4 * s.edgeDim;
        }
        if (s.pres) {
            size += 4 + 4 * d;
        }
        size += 2;
        for (int i = 0; i < s.neighbourCount; i++) {
            size += 2 + utf8Length(s.neighbourIds[i]) + 8 + 8 + 4 + 4;
        }
        return size;
    }

    public static byte[] encode(NodeState s) {
        byte[] out = new byte[encodedSize(s)];
        ByteBuffer b = ByteBuffer.wrap(out);
        b.put((byte) FORMAT);
        b.put((byte) ((s.hasPending ? FLAG_PENDING : 0) | (s.pres ? FLAG_PRES : 0)));
        b.putShort((short) s.memoryDim);
        b.putShort((short) s.edgeDim);
        b.putLong(s.memoryTime);
        putFloats(b, s.memory, s.memoryDim);
        b.putLong(s.interactions);
        b.putFloat(s.popularity);
        b.putLong(s.popularityTime);
        if (s.hasPending) {
            b.putLong(s.pendingTime);
            b.putInt(s.pendingCount);
            putFloats(b, s.pendingOther, s.memoryDim);
            putFloats(b, s.pendingFeatures, s.edgeDim);
        }
        if (s.pres) {
            b.putInt(s.presCount);
            putFloats(b, s.presMean, s.memoryDim);
        }
        b.putShort((short) s.neighbourCount);
        for (int i = 0; i < s.neighbourCount; i++) {
            byte[] id = s.neighbourIds[i].getBytes(StandardCharsets.UTF_8);
            b.putShort((short) id.length);
            b.put(id);
            b.putLong(s.lastOut[i]);
            b.putLong(s.lastIn[i]);
            b.putInt(s.countOut[i]);
            b.putInt(s.countIn[i]);
        }
        if (b.hasRemaining()) {
            throw new IllegalStateException("node state size miscomputed");
        }
        return out;
    }

    /**
     * Overwrites {@code target} with the state in {@code bytes}.
     *
     * @throws IllegalArgumentException if the bytes are not format 1, are truncated or trailed by garbage, or were
     *                                  written for another memory width, edge feature width or PRES setting
     */
    public static void decode(byte[] bytes, NodeState target) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            int format = b.get();
            if (format != FORMAT) {
                throw new IllegalArgumentException("node state format " + format + " is not readable by this build "
                        + "(reads " + FORMAT + ")");
            }
            int flags = b.get();
            int d = Short.toUnsignedInt(b.getShort());
            int e = Short.toUnsignedInt(b.getShort());
            boolean pres = (flags & FLAG_PRES) != 0;
            if (d != target.memoryDim || e != target.edgeDim || pres != target.pres) {
                throw new IllegalArgumentException("node state was written with memory width " + d
                        + ", edge feature width " + e + ", pres " + pres + "; this model uses " + target.memoryDim
                        + ", " + target.edgeDim + ", " + target.pres);
            }
            target.memoryTime = b.getLong();
            getFloats(b, target.memory, d);
            target.interactions = b.getLong();
            target.popularity = b.getFloat();
            target.popularityTime = b.getLong();
            target.hasPending = (flags & FLAG_PENDING) != 0;
            if (target.hasPending) {
                target.pendingTime = b.getLong();
                target.pendingCount = b.getInt();
                getFloats(b, target.pendingOther, d);
                getFloats(b, target.pendingFeatures, e);
            } else {
                target.pendingTime = 0;
                target.pendingCount = 0;
                java.util.Arrays.fill(target.pendingOther, 0f);
                java.util.Arrays.fill(target.pendingFeatures, 0f);
            }
            if (pres) {
                target.presCount = b.getInt();
                getFloats(b, target.presMean, d);
            } else {
                target.presCount = 0;
            }
            int n = Short.toUnsignedInt(b.getShort());
            java.util.Arrays.fill(target.neighbourIds, 0, target.neighbourCount, null);
            target.ensureNeighbourCapacity(n);
            for (int i = 0; i < n; i++) {
                int len = Short.toUnsignedInt(b.getShort());
                target.neighbourIds[i] = new String(bytes, b.position(), len, StandardCharsets.UTF_8);
                b.position(b.position() + len);
                target.lastOut[i] = b.getLong();
                target.lastIn[i] = b.getLong();
                target.countOut[i] = b.getInt();
                target.countIn[i] = b.getInt();
            }
            target.neighbourCount = n;
            if (b.hasRemaining()) {
                throw new IllegalArgumentException("node state has " + b.remaining() + " trailing bytes");
            }
        } catch (BufferUnderflowException | IndexOutOfBoundsException ex) {
            throw new IllegalArgumentException("node state bytes are truncated (" + bytes.length + " bytes)", ex);
        }
    }

    /** Reads only the memory from {@code bytes} into {@code memory} (for attention over neighbours). */
    public static void decodeMemory(byte[] bytes, float[] memory) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int format = b.get();
        if (format != FORMAT) {
            throw new IllegalArgumentException("node state format " + format + " is not readable by this build");
        }
        b.get();
        int d = Short.toUnsignedInt(b.getShort());
        if (d != memory.length) {
            throw new IllegalArgumentException("node state memory width " + d + ", expected " + memory.length);
        }
        b.getShort();
        b.getLong();
        getFloats(b, memory, d);
    }

    private static void putFloats(ByteBuffer b, float[] a, int n) {
        for (int i = 0; i < n; i++) {
            b.putFloat(a[i]);
        }
    }

    private static void getFloats(ByteBuffer b, float[] a, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = b.getFloat();
        }
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n++; // a lone surrogate: String.getBytes writes the one-byte replacement '?'
            } else {
                n += 3;
            }
        }
        if (n > 65535) {
            throw new IllegalArgumentException("node id longer than 65535 UTF-8 bytes");
        }
        return n;
    }
}
