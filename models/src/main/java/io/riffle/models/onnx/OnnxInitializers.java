package io.riffle.models.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights (graph initializers) and custom metadata of an ONNX model, read with the ONNX protobuf classes that
 * Tribuo's {@code tribuo-util-onnx} ships: what a pure-Java forward pass of the same model loads its weights from.
 * Float32 and int64 tensors, stored raw (little-endian, as ONNX specifies) or in the typed fields.
 */
public final class OnnxInitializers {
    /** One initializer: its shape, and its values as floats (float tensors) or longs (integer tensors). */
    public record Tensor(String name, long[] dims, float[] floats, long[] longs) {
        public int size() {
            return floats != null ? floats.length : longs.length;
        }
    }

    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;

    private OnnxInitializers(Map<String, Tensor> tensors, Map<String, String> metadata) {
        this.tensors = tensors;
        this.metadata = metadata;
    }

    public static OnnxInitializers read(byte[] model) {
        OnnxMl.ModelProto proto;
        try {
            proto = OnnxMl.ModelProto.parseFrom(model);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (OnnxMl.TensorProto t : proto.getGraph().getInitializerList()) {
            long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
            int n = (int) Arrays.stream(dims).reduce(1, (a, b) -> a * b);
            ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            switch (t.getDataType()) {
                case OnnxMl.TensorProto.DataType.FLOAT_VALUE -> {
                    float[] v = new float[n];
                    if (raw.remaining() > 0) {
                        raw.asFloatBuffer().get(v);
                    } else {
                        for (int i = 0; i < n; i++) {
                            v[i] = t.getFloatData(i);
                        }
                    }
                    tensors.put(t.getName(), new Tensor(t.getName(), dims, v, null));
                }
                case OnnxMl.TensorProto.DataType.INT64_VALUE -> {
                    long[] v = new long[n];
                    if (raw.remaining() > 0) {
                        raw.asLongBuffer().get(v);
                    } else {
                        for (int i = 0; i < n; i++) {
                            v[i] = t.getInt64Data(i);
                        }
                    }
                    tensors.put(t.getName(), new Tensor(t.getName(), dims, null, v));
                }
                default -> { }
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (OnnxMl.StringStringEntryProto e : proto.getMetadataPropsList()) {
            metadata.put(e.getKey(), e.getValue());
        }
        return new OnnxInitializers(tensors, metadata);
    }

    /** Float initializer {@code name}, checked to have {@code dims}. */
    public float[] floats(String name, long... dims) {
        Tensor t = get(name, dims);
        if (t.floats() == null) {
            throw new IllegalArgumentException("initializer '" + name + "' is not float32");
        }
        return t.floats();
    }

    /** Int64 initializer {@code name}, checked to have {@code dims}. */
    public long[] longs(String name, long... dims) {
        Tensor t = get(name, dims);
        if (t.longs() == null) {
            throw new IllegalArgumentException("initializer '" + name + "' is not int64");
        }
        return t.longs();
    }

    private Tensor get(String name, long[] dims) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the model has no initializer '" + name + "' (it has "
                    + tensors.keySet() + ")");
        }
        if (!Arrays.equals(t.dims(), dims)) {
            throw new IllegalArgumentException("initializer '" + name + "' has shape " + Arrays.toString(t.dims())
                    + ", expected " + Arrays.toString(dims));
        }
        return t;
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The model's {@code metadata_props}. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Metadata entry {@code key}; fails naming the key when it is absent. */
    public String require(String key) {
        String v = metadata.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the model's metadata has no '" + key + "'");
        }
        return v;
    }
}
