package io.riffle.models.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.riffle.models.event.Impression;
import io.riffle.models.features.Murmur3;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * One input tensor's rows for a batch of events, in a direct buffer in native byte order that is reused batch after
 * batch: ONNX Runtime reads such a buffer in place (no copy), and no garbage is made per batch. Grows (once) when a
 * batch is larger than any before.
 */
final class InputBuffer {
    private final InputMapping mapping;
    private final String[] fields;
    private final int[] fieldHashes;
    private final Map<String, Long>[] vocabularies;
    private final int width;
    private ByteBuffer bytes;
    private LongBuffer longs;
    private IntBuffer ints;
    private FloatBuffer floats;
    private DoubleBuffer doubles;
    private int capacityRows;

    @SuppressWarnings("unchecked")
    InputBuffer(InputMapping mapping, int rows) {
        this.mapping = mapping;
        this.fields = mapping.fields().toArray(new String[0]);
        this.width = fields.length;
        this.fieldHashes = new int[width];
        this.vocabularies = new Map[width];
        for (int f = 0; f < width; f++) {
            fieldHashes[f] = Murmur3.hashChars(fields[f], mapping.hashSeed());
            vocabularies[f] = mapping.vocabulary().get(fields[f]);
        }
        ensure(rows);
    }

    InputMapping mapping() {
        return mapping;
    }

    void ensure(int rows) {
        if (rows <= capacityRows) {
            return;
        }
        int cap = Math.max(rows, capacityRows * 2);
        bytes = ByteBuffer.allocateDirect(cap * width * mapping.dtype().bytes()).order(ByteOrder.nativeOrder());
        switch (mapping.dtype()) {
            case INT64 -> longs = bytes.asLongBuffer();
            case INT32 -> ints = bytes.asIntBuffer();
            case FLOAT32 -> floats = bytes.asFloatBuffer();
            case FLOAT64 -> doubles = bytes.asDoubleBuffer();
        }
        capacityRows = cap;
    }

    /** Writes {@code event}'s row {@code row}. */
    void put(int row, Impression event) {
        int base = row * width;
        if (mapping.kind() == InputMapping.Kind.NUMERIC) {
            String[] names = event.numericFields();
            double[] values = event.numeric();
            for (int f = 0; f < width; f++) {
                int at = indexOf(names, fields[f], f);
                putValue(base + f, at >= 0 ? values[at] : mapping.missingValue());
            }
            return;
        }
        String[] names = event.fields();
        String[] values = event.values();
        for (int f = 0; f < width; f++) {
            int at = indexOf(names, fields[f], f);
            long id;
            if (at < 0 || values[at] == null) {
                id = mapping.missingId();
            } else if (mapping.kind() == InputMapping.Kind.HASH) {
                id = Math.floorMod(Murmur3.hashChars(values[at], fieldHashes[f]), mapping.hashBuckets());
            } else {
                id = vocabularies[f].getOrDefault(values[at], mapping.missingId());
            }
            putId(base + f, id);
        }
    }

    /** Position of {@code name} in {@code names}, trying {@code hint} first (events usually share a field order). */
    private static int indexOf(String[] names, String name, int hint) {
        if (hint < names.length && names[hint].equals(name)) {
            return hint;
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private void putId(int index, long id) {
        if (longs != null) {
            longs.put(index, id);
        } else {
            ints.put(index, (int) id);
        }
    }

    private void putValue(int index, double v) {
        if (floats != null) {
            floats.put(index, (float) v);
        } else {
            doubles.put(index, v);
        }
    }

    /** A tensor over the first {@code rows} rows; it shares this buffer, so close it before the next batch. */
    OnnxTensor tensor(OrtEnvironment env, int rows) throws OrtException {
        long[] shape = mapping.batchShape(rows);
        int n = rows * width;
        return switch (mapping.dtype()) {
            case INT64 -> OnnxTensor.createTensor(env, longs.duplicate().position(0).limit(n), shape);
            case INT32 -> OnnxTensor.createTensor(env, ints.duplicate().position(0).limit(n), shape);
            case FLOAT32 -> OnnxTensor.createTensor(env, floats.duplicate().position(0).limit(n), shape);
            case FLOAT64 -> OnnxTensor.createTensor(env, doubles.duplicate().position(0).limit(n), shape);
        };
    }

    /** Row-major copy of the first {@code rows} rows of an integer input (tests, the Java forward pass). */
    long[] longs(int rows) {
        long[] out = new long[rows * width];
        for (int i = 0; i < out.length; i++) {
            out[i] = longs != null ? longs.get(i) : ints.get(i);
        }
        return out;
    }

    /** Row-major copy of the first {@code rows} rows of a float input. */
    float[] floats(int rows) {
        float[] out = new float[rows * width];
        for (int i = 0; i < out.length; i++) {
            out[i] = floats != null ? floats.get(i) : (float) doubles.get(i);
        }
        return out;
    }
}
