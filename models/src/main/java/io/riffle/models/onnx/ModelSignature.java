package io.riffle.models.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The inputs and outputs a model declares (its own metadata, as ONNX Runtime reports it): names, element types and
 * shapes, with -1 for a dynamic dimension.
 */
public record ModelSignature(Map<String, Tensor> inputs, Map<String, Tensor> outputs) {
    /**
     * One declared tensor.
     *
     * @param type     its element type, or null when it is none Riffle feeds (then {@code typeName} says what)
     * @param typeName the ONNX name of its type
     * @param shape    dimensions, -1 where dynamic
     */
    public record Tensor(TensorType type, String typeName, long[] shape) {
        public String describe() {
            return typeName + " " + ModelSignature.shape(shape);
        }
    }

    public ModelSignature {
        inputs = new LinkedHashMap<>(inputs);
        outputs = new LinkedHashMap<>(outputs);
    }

    /** What {@code session} declares. */
    public static ModelSignature of(OrtSession session) throws OrtException {
        return new ModelSignature(tensors(session.getInputInfo()), tensors(session.getOutputInfo()));
    }

    private static Map<String, Tensor> tensors(Map<String, NodeInfo> infos) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, NodeInfo> e : infos.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t) {
                TensorType type = TensorType.of(t.type);
                out.put(e.getKey(), new Tensor(type, type != null ? type.onnxName()
                        : t.onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "").toLowerCase(),
                        t.getShape()));
            } else {
                out.put(e.getKey(), new Tensor(null, e.getValue().getInfo().toString(), new long[0]));
            }
        }
        return out;
    }

    public String describeInputs() {
        return inputs.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().describe())
                .collect(Collectors.joining(", "));
    }

    static String shape(long[] shape) {
        return Arrays.toString(shape);
    }
}
