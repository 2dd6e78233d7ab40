package io.riffle.models.onnx;

import ai.onnxruntime.OnnxJavaType;
import java.util.Locale;

/** The element types an input mapping may declare, by their ONNX names. */
public enum TensorType {
    INT64("int64", OnnxJavaType.INT64, 8),
    INT32("int32", OnnxJavaType.INT32, 4),
    FLOAT32("float32", OnnxJavaType.FLOAT, 4),
    FLOAT64("float64", OnnxJavaType.DOUBLE, 8);

    private final String onnxName;
    private final OnnxJavaType javaType;
    private final int bytes;

    TensorType(String onnxName, OnnxJavaType javaType, int bytes) {
        this.onnxName = onnxName;
        this.javaType = javaType;
        this.bytes = bytes;
    }

    public String onnxName() {
        return onnxName;
    }

    public OnnxJavaType javaType() {
        return javaType;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    public boolean isInteger() {
        return this == INT64 || this == INT32;
    }

    /** Parses {@code int64}, {@code int32}, {@code float32} ({@code float}) or {@code float64} ({@code double}). */
    public static TensorType parse(String name) {
        String v = name.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "int64", "long" -> INT64;
            case "int32", "int" -> INT32;
            case "float32", "float" -> FLOAT32;
            case "float64", "double" -> FLOAT64;
            default -> throw new IllegalArgumentException("unknown dtype '" + name
                    + "'; use int64, int32, float32 or float64");
        };
    }

    /** The type ONNX Runtime reports, or null when it is none of these. */
    public static TensorType of(OnnxJavaType type) {
        for (TensorType t : values()) {
            if (t.javaType == type) {
                return t;
            }
        }
        return null;
    }
}
