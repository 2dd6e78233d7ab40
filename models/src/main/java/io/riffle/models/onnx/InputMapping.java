package io.riffle.models.onnx;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How event fields fill one input tensor of an ONNX model: one row per event, one column per field.
 *
 * <ul>
 *   <li>{@link Kind#HASH}: a categorical value becomes {@code floorMod(murmur3(value, murmur3(field, seed)), buckets)}
 *       (the hash Riffle's {@code FeatureHasher} gives {@code field=value}, reduced to a vocabulary of
 *       {@code buckets} ids per field);
 *   <li>{@link Kind#VOCABULARY}: a categorical value becomes its id in a per-field vocabulary, unknown values
 *       {@code missingId};
 *   <li>{@link Kind#NUMERIC}: a numeric field's value, as is.
 * </ul>
 *
 * A field the event does not have becomes {@code missingId} (categorical) or {@code missingValue} (numeric).
 *
 * @param tensor       the model input's name
 * @param dtype        its element type
 * @param shape        its shape, batch dimension first as -1: {@code [-1, fields]}, or {@code [-1]} for one field
 * @param fields       event fields, one per column, in column order
 * @param kind         how a field's value becomes a number
 * @param hashBuckets  ids per field for {@link Kind#HASH}
 * @param hashSeed     hash seed for {@link Kind#HASH} (Riffle's {@code --hash-seed})
 * @param vocabulary   field → value → id for {@link Kind#VOCABULARY}, else empty
 * @param missingId    id of a missing (or, with a vocabulary, unknown) categorical value
 * @param missingValue value of a missing numeric field
 */
public record InputMapping(
        String tensor,
        TensorType dtype,
        long[] shape,
        List<String> fields,
        Kind kind,
        int hashBuckets,
        int hashSeed,
        Map<String, Map<String, Long>> vocabulary,
        long missingId,
        double missingValue) implements Serializable {

    /** How a field's value becomes a number. */
    public enum Kind { HASH, VOCABULARY, NUMERIC }

    public InputMapping {
        if (tensor == null || tensor.isBlank()) {
            throw new IllegalArgumentException("an input mapping must name its tensor");
        }
        String where = "input mapping '" + tensor + "'";
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException(where + " lists no fields");
        }
        fields = List.copyOf(fields);
        vocabulary = vocabulary == null ? Map.of() : Map.copyOf(vocabulary);
        if (kind == Kind.NUMERIC && dtype.isInteger()) {
            throw new IllegalArgumentException(where + " maps numeric fields to " + dtype.onnxName()
                    + "; numeric fields need float32 or float64");
        }
        if (kind != Kind.NUMERIC && !dtype.isInteger()) {
            throw new IllegalArgumentException(where + " maps categorical fields to " + dtype.onnxName()
                    + "; ids need int64 or int32");
        }
        if (kind == Kind.HASH && hashBuckets < 1) {
            throw new IllegalArgumentException(where + ": hash buckets must be >= 1, got " + hashBuckets);
        }
        if (kind == Kind.VOCABULARY && vocabulary.isEmpty()) {
            throw new IllegalArgumentException(where + " uses a vocabulary but none was given");
        }
        if (dtype == TensorType.INT32 && (missingId > Integer.MAX_VALUE || missingId < Integer.MIN_VALUE)) {
            throw new IllegalArgumentException(where + ": missing id " + missingId + " does not fit int32");
        }
        if (shape == null) {
            shape = new long[] {-1, fields.size()};
        }
        shape = shape.clone();
        if (shape.length < 1 || shape.length > 2 || shape[0] != -1) {
            throw new IllegalArgumentException(where + " declares shape " + Arrays.toString(shape)
                    + "; use [-1, " + fields.size() + "] (batch first, one column per field)"
                    + (fields.size() == 1 ? " or [-1]" : ""));
        }
        long width = shape.length == 2 ? shape[1] : 1;
        if (width != fields.size()) {
            throw new IllegalArgumentException(where + " declares shape " + Arrays.toString(shape) + " but lists "
                    + fields.size() + " fields " + fields + ": one column per field");
        }
    }

    /** Columns per event. */
    public int width() {
        return fields.size();
    }

    /** The shape of a batch of {@code rows} events. */
    public long[] batchShape(int rows) {
        return shape.length == 1 ? new long[] {rows} : new long[] {rows, shape[1]};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputMapping m && tensor.equals(m.tensor) && dtype == m.dtype
                && Arrays.equals(shape, m.shape) && fields.equals(m.fields) && kind == m.kind
                && hashBuckets == m.hashBuckets && hashSeed == m.hashSeed && vocabulary.equals(m.vocabulary)
                && missingId == m.missingId && Double.compare(missingValue, m.missingValue) == 0;
    }

    @Override
    public int hashCode() {
        return tensor.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return tensor + " " + dtype.onnxName() + Arrays.toString(shape) + " <- " + kind.name().toLowerCase()
                + " " + fields;
    }
}
