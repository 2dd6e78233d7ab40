package io.riffle.models.onnx;

import ai.onnx.proto.OnnxMl;
import io.riffle.models.RiffleVersion;
import io.riffle.models.ctr.CtrTrainer;
import io.riffle.models.features.FeatureSpace;
import io.riffle.models.features.FieldCross;
import io.riffle.models.io.FtrlModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;

/**
 * Exports the scoring graph of Riffle's FTRL-Proximal logistic regression to ONNX, built with Tribuo's ONNX graph
 * builder ({@code tribuo-util-onnx}) and the ONNX protobuf classes it ships, not hand-written protobuf:
 *
 * <pre>
 *   inputs   indices int64 [batch, features]   hashed features reduced to the table: hash &amp; (2^bits - 1)
 *            values  float [batch, features]   their values (pad a short row with index 0, value 0)
 *   weights  float [2^bits]                    an initializer (the learned weights), or an input ({@link #liveGraph})
 *   score    float [batch] = Sigmoid(ReduceSum(Gather(weights, indices) * values, axis 1))
 * </pre>
 *
 * <p>The feature space (bits, hash seed, crosses) and the model's provenance (name, version, as-of, examples, code
 * version) are written to {@code metadata_props} as {@code riffle.*}, so a scorer can hash events the same way.
 * Opset 13 (Tribuo's), IR version 8.
 */
public final class FtrlOnnxExport {
    public static final String INDICES = "indices";
    public static final String VALUES = "values";
    public static final String WEIGHTS = "weights";
    public static final String SCORE = "score";
    static final long IR_VERSION = 8;

    private FtrlOnnxExport() {}

    /** The model of {@code trainer} as ONNX bytes, its weights an initializer. */
    public static byte[] export(CtrTrainer trainer, long asOf) {
        FeatureSpace space = trainer.learner().space();
        Map<String, String> meta = metadata(space);
        meta.put("riffle.model", trainer.model());
        meta.put("riffle.version", Long.toString(trainer.version()));
        meta.put("riffle.as-of", Long.toString(asOf));
        meta.put("riffle.examples", Long.toString(trainer.examplesSeen()));
        meta.put("riffle.last-input-position", Long.toString(trainer.lastSeq()));
        meta.put("riffle.ftrl", trainer.learner().params().toString());
        return model(graph(space.bits(), trainer.learner().weights()), trainer.version(), meta).toByteArray();
    }

    /** Exports a model file ({@code model.riffle}) to an ONNX file, atomically. */
    public static void export(Path modelFile, Path onnxFile) throws IOException {
        FtrlModelFile.Loaded loaded = FtrlModelFile.read(modelFile);
        CtrTrainer trainer = loaded.toTrainer(loaded.provenance().model(), 1);
        byte[] bytes = export(trainer, loaded.provenance().asOf());
        Path dir = onnxFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, onnxFile.getFileName().toString(), ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, onnxFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The same graph with {@code weights} as a third input rather than an initializer: a scorer holds one session
     * and feeds the newest weights with each batch, so a new model version needs no new session.
     */
    public static byte[] liveGraph(FeatureSpace space) {
        Map<String, String> meta = metadata(space);
        meta.put("riffle.weights", "input");
        return model(graph(space.bits(), null), 0, meta).toByteArray();
    }

    private static Map<String, String> metadata(FeatureSpace space) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("riffle.kind", FtrlModelFile.KIND);
        meta.put("riffle.bits", Integer.toString(space.bits()));
        meta.put("riffle.hash-seed", Integer.toString(space.seed()));
        meta.put("riffle.crosses", space.crosses().stream().map(FieldCross::toString)
                .collect(Collectors.joining(",")));
        meta.put("riffle.code-version", RiffleVersion.get());
        return meta;
    }

    private static OnnxMl.GraphProto graph(int bits, float[] weights) {
        int size = 1 << bits;
        ONNXContext ctx = new ONNXContext();
        ctx.setName("riffle_ftrl_lr");
        // Tribuo's builder makes float [batch, n] placeholders; their types and shapes are set below.
        ONNXPlaceholder indices = ctx.floatInput(INDICES, 1);
        ONNXPlaceholder values = ctx.floatInput(VALUES, 1);
        ONNXPlaceholder weightInput = weights == null ? ctx.floatInput(WEIGHTS, 1) : null;
        ONNXInitializer weightTable = weights == null ? null
                : ctx.floatTensor(WEIGHTS, List.of(size), buffer -> buffer.put(weights));
        ONNXInitializer axes = ctx.array("sum_axes", new long[] {1});
        ONNXPlaceholder score = ctx.floatOutput(SCORE, 1);

        ONNXNode gathered = (weights == null ? weightInput : weightTable).apply(ONNXOperators.GATHER, indices,
                Map.of("axis", 0));
        ONNXNode terms = gathered.apply(ONNXOperators.MUL, values);
        ONNXNode margin = terms.apply(ONNXOperators.REDUCE_SUM, axes, Map.of("keepdims", 0));
        margin.apply(ONNXOperators.SIGMOID).assignTo(score);

        OnnxMl.GraphProto.Builder graph = ctx.buildGraph().toBuilder();
        graph.clearInput();
        graph.addInput(valueInfo(INDICES, OnnxMl.TensorProto.DataType.INT64, "batch", "features"));
        graph.addInput(valueInfo(VALUES, OnnxMl.TensorProto.DataType.FLOAT, "batch", "features"));
        if (weights == null) {
            graph.addInput(valueInfo(WEIGHTS, OnnxMl.TensorProto.DataType.FLOAT, size));
        }
        graph.clearOutput();
        graph.addOutput(valueInfo(SCORE, OnnxMl.TensorProto.DataType.FLOAT, "batch"));
        if (weightTable != null) {
            rename(graph, weightTable.getReference(), WEIGHTS);
        }
        graph.setDocString("FTRL-Proximal logistic regression over hashed features: sigmoid(sum_k w[indices_k]"
                + " values_k)");
        return graph.build();
    }

    /** Renames an initializer and every use of it (Tribuo's builder makes initializer names unique: "weights_0"). */
    private static void rename(OnnxMl.GraphProto.Builder graph, String from, String to) {
        for (OnnxMl.TensorProto.Builder t : graph.getInitializerBuilderList()) {
            if (t.getName().equals(from)) {
                t.setName(to);
            }
        }
        for (OnnxMl.NodeProto.Builder node : graph.getNodeBuilderList()) {
            for (int i = 0; i < node.getInputCount(); i++) {
                if (node.getInput(i).equals(from)) {
                    node.setInput(i, to);
                }
            }
        }
    }

    /** A tensor's declared type; each dimension a name (dynamic) or a size. */
    private static OnnxMl.ValueInfoProto valueInfo(String name, OnnxMl.TensorProto.DataType type, Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String s) {
                dim.setDimParam(s);
            } else {
                dim.setDimValue(((Number) d).longValue());
            }
            shape.addDim(dim);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(type.getNumber()).setShape(shape)))
                .build();
    }

    private static OnnxMl.ModelProto model(OnnxMl.GraphProto graph, long version, Map<String, String> meta) {
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(ONNXOperators.getOpsetProto())
                .setProducerName("riffle")
                .setProducerVersion(RiffleVersion.get())
                .setDomain("io.riffle")
                .setModelVersion(version)
                .setDocString("Riffle FTRL-Proximal logistic regression (McMahan et al. 2013) scoring graph")
                .setGraph(graph);
        meta.forEach((k, v) -> model.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(k)
                .setValue(v)));
        return model.build();
    }
}
