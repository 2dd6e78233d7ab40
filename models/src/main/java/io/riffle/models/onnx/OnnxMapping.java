package io.riffle.models.onnx;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which event fields feed which input tensors of an ONNX model, and which output is the score: the mapping file of
 * {@code riffle score --mapping} (README, "ONNX scoring"). It is checked against the model's own input and output
 * metadata when a session opens ({@link #check}), so a mismatch fails the job at start, with a message naming the
 * tensor and what does not match.
 *
 * <pre>
 * {
 *   "format": 1,
 *   "inputs": [
 *     {"tensor": "cat_ids", "dtype": "int64", "shape": [-1, 3],
 *      "categorical": ["site", "ad", "device"], "ids": {"hash": 1024, "seed": 0}, "missingId": 0},
 *     {"tensor": "num", "dtype": "float32", "shape": [-1, 1], "numeric": ["bid"], "missing": 0.0}
 *   ],
 *   "output": {"tensor": "prob", "kind": "probability"}
 * }
 * </pre>
 *
 * {@code ids} is {@code {"hash": BUCKETS, "seed": S}} or {@code {"vocabulary": "FILE.json"}} (a file beside the
 * mapping: {@code {"field": {"value": id, …}, …}}, or {@code {"field": ["value", …]}} for ids 0, 1, …). The output
 * {@code kind} is {@code probability} or {@code logit} (a sigmoid is applied); without {@code output} the model's only
 * output is taken as a probability.
 *
 * @param inputs       one entry per model input
 * @param outputTensor the output holding the score, or null for the model's only output
 * @param outputIsLogit whether the output is a logit rather than a probability
 */
public record OnnxMapping(List<InputMapping> inputs, String outputTensor, boolean outputIsLogit)
        implements Serializable {
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public OnnxMapping {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("the ONNX mapping lists no inputs");
        }
        inputs = List.copyOf(inputs);
        Set<String> seen = new java.util.HashSet<>();
        for (InputMapping m : inputs) {
            if (!seen.add(m.tensor())) {
                throw new IllegalArgumentException("the ONNX mapping maps tensor '" + m.tensor() + "' twice");
            }
        }
    }

    /** Reads a mapping file; vocabulary files are resolved beside it. */
    public static OnnxMapping read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the ONNX mapping " + file + ": " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            return parse(text, dir);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ONNX mapping " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a mapping; {@code baseDir} resolves vocabulary files (null: the working directory). */
    public static OnnxMapping parse(String json, Path baseDir) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with \"inputs\"");
        }
        onlyKeys(root, "the mapping", "format", "inputs", "output", "description");
        int format = root.path("format").asInt(FORMAT);
        if (format != FORMAT) {
            throw new IllegalArgumentException("mapping format " + format + " is not readable by this build (reads "
                    + FORMAT + ")");
        }
        JsonNode inputs = root.path("inputs");
        if (!inputs.isArray() || inputs.isEmpty()) {
            throw new IllegalArgumentException("\"inputs\" must be a non-empty array");
        }
        List<InputMapping> parsed = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            parsed.add(parseInput(inputs.get(i), "inputs[" + i + "]", baseDir));
        }
        String output = null;
        boolean logit = false;
        JsonNode out = root.path("output");
        if (!out.isMissingNode()) {
            onlyKeys(out, "\"output\"", "tensor", "kind");
            output = text(out, "tensor", "\"output\"");
            String kind = out.path("kind").asText("probability").toLowerCase(Locale.ROOT);
            switch (kind) {
                case "probability" -> logit = false;
                case "logit" -> logit = true;
                default -> throw new IllegalArgumentException("output kind must be probability or logit, got '"
                        + kind + "'");
            }
        }
        return new OnnxMapping(parsed, output, logit);
    }

    private static InputMapping parseInput(JsonNode node, String where, Path baseDir) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        onlyKeys(node, where, "tensor", "dtype", "shape", "categorical", "numeric", "ids", "missingId", "missing");
        String tensor = text(node, "tensor", where);
        where = where + " ('" + tensor + "')";
        boolean categorical = node.has("categorical");
        boolean numeric = node.has("numeric");
        if (categorical == numeric) {
            throw new IllegalArgumentException(where + " must list either \"categorical\" or \"numeric\" fields");
        }
        List<String> fields = strings(node.path(categorical ? "categorical" : "numeric"), where);
        TensorType dtype = TensorType.parse(node.path("dtype").asText(categorical ? "int64" : "float32"));
        long[] shape = null;
        if (node.has("shape")) {
            JsonNode s = node.get("shape");
            if (!s.isArray()) {
                throw new IllegalArgumentException(where + ": \"shape\" must be an array such as [-1, "
                        + fields.size() + "]");
            }
            shape = new long[s.size()];
            for (int k = 0; k < s.size(); k++) {
                if (!s.get(k).canConvertToLong()) {
                    throw new IllegalArgumentException(where + ": \"shape\" must hold integers (-1 for the batch)");
                }
                shape[k] = s.get(k).asLong();
            }
        }
        if (numeric) {
            if (node.has("ids")) {
                throw new IllegalArgumentException(where + ": \"ids\" applies to categorical fields only");
            }
            double missing = node.path("missing").asDouble(0.0);
            return new InputMapping(tensor, dtype, shape, fields, InputMapping.Kind.NUMERIC, 0, 0, Map.of(), 0,
                    missing);
        }
        JsonNode ids = node.path("ids");
        if (!ids.isObject()) {
            throw new IllegalArgumentException(where + " needs \"ids\": {\"hash\": BUCKETS} or {\"vocabulary\":"
                    + " \"FILE\"}");
        }
        onlyKeys(ids, where + ".ids", "hash", "seed", "vocabulary");
        long missingId = node.path("missingId").asLong(0);
        if (ids.has("hash") == ids.has("vocabulary")) {
            throw new IllegalArgumentException(where + ".ids needs exactly one of \"hash\" and \"vocabulary\"");
        }
        if (ids.has("hash")) {
            if (!ids.get("hash").canConvertToInt()) {
                throw new IllegalArgumentException(where + ".ids.hash must be an integer number of buckets");
            }
            return new InputMapping(tensor, dtype, shape, fields, InputMapping.Kind.HASH, ids.get("hash").asInt(),
                    ids.path("seed").asInt(0), Map.of(), missingId, 0);
        }
        Path file = Path.of(ids.get("vocabulary").asText());
        if (!file.isAbsolute() && baseDir != null) {
            file = baseDir.resolve(file);
        }
        Map<String, Map<String, Long>> vocabulary = readVocabulary(file, fields, where);
        return new InputMapping(tensor, dtype, shape, fields, InputMapping.Kind.VOCABULARY, 0, 0, vocabulary,
                missingId, 0);
    }

    private static Map<String, Map<String, Long>> readVocabulary(Path file, List<String> fields, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot read vocabulary " + file + ": " + e.getMessage());
        }
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (String field : fields) {
            JsonNode values = root.path(field);
            Map<String, Long> ids = new java.util.HashMap<>();
            if (values.isArray()) {
                for (int k = 0; k < values.size(); k++) {
                    ids.put(values.get(k).asText(), (long) k);
                }
            } else if (values.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().canConvertToLong()) {
                        throw new IllegalArgumentException(where + ": vocabulary " + file + " gives field '" + field
                                + "' value '" + e.getKey() + "' a non-integer id");
                    }
                    ids.put(e.getKey(), e.getValue().asLong());
                }
            } else {
                throw new IllegalArgumentException(where + ": vocabulary " + file + " has no entry for field '"
                        + field + "'");
            }
            out.put(field, ids);
        }
        return out;
    }

    private static void onlyKeys(JsonNode node, String where, String... keys) {
        Set<String> known = Set.of(keys);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) {
                throw new IllegalArgumentException("unknown key \"" + k + "\" in " + where + "; known keys: "
                        + String.join(", ", keys));
            }
        }
    }

    private static String text(JsonNode node, String key, String where) {
        JsonNode v = node.path(key);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + " needs \"" + key + "\" (a string)");
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode node, String where) {
        if (!node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException(where + ": fields must be a non-empty array of names");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw new IllegalArgumentException(where + ": field names must be strings, got " + n);
            }
            out.add(n.asText());
        }
        return out;
    }

    /**
     * Checks this mapping against a model's inputs and outputs and returns the output to read.
     *
     * @throws IllegalArgumentException listing every mismatch: a tensor the model lacks, a model input nobody
     *                                  maps, a dtype, rank or dimension that differs, a fixed batch dimension, an
     *                                  output that is missing or not a float vector
     */
    public String check(ModelSignature model) {
        List<String> problems = new ArrayList<>();
        for (InputMapping m : inputs) {
            ModelSignature.Tensor t = model.inputs().get(m.tensor());
            if (t == null) {
                problems.add("the mapping feeds tensor '" + m.tensor() + "' but the model has no such input (its"
                        + " inputs: " + model.describeInputs() + ")");
                continue;
            }
            String what = "input '" + m.tensor() + "'";
            if (t.type() != m.dtype()) {
                problems.add(what + ": the model wants " + t.typeName() + ", the mapping gives "
                        + m.dtype().onnxName());
            }
            long[] want = t.shape();
            long[] give = m.shape();
            if (want.length != give.length) {
                problems.add(what + ": the model wants shape " + ModelSignature.shape(want) + " (rank "
                        + want.length + "), the mapping gives " + ModelSignature.shape(give) + " (rank "
                        + give.length + ")");
                continue;
            }
            if (want.length > 0 && want[0] >= 0) {
                problems.add(what + ": the model fixes the batch dimension to " + want[0] + "; export it with a"
                        + " dynamic batch axis (torch.onnx.export(..., dynamic_axes={'" + m.tensor()
                        + "': {0: 'batch'}}))");
            }
            for (int d = 1; d < want.length; d++) {
                if (want[d] >= 0 && want[d] != give[d]) {
                    problems.add(what + ": dimension " + d + " is " + want[d] + " in the model but the mapping"
                            + " gives " + give[d] + " (" + m.fields().size() + " fields " + m.fields() + ")");
                }
            }
        }
        for (String name : model.inputs().keySet()) {
            if (inputs.stream().noneMatch(m -> m.tensor().equals(name))) {
                problems.add("model input '" + name + "' (" + model.inputs().get(name).describe()
                        + ") has no entry in the mapping");
            }
        }
        String output = outputTensor;
        if (output == null) {
            if (model.outputs().size() != 1) {
                problems.add("the model has " + model.outputs().size() + " outputs " + model.outputs().keySet()
                        + "; name the score's in \"output\": {\"tensor\": …}");
            } else {
                output = model.outputs().keySet().iterator().next();
            }
        }
        if (output != null) {
            ModelSignature.Tensor t = model.outputs().get(output);
            if (t == null) {
                problems.add("output '" + output + "' is not an output of the model (its outputs: "
                        + model.outputs().keySet() + ")");
            } else {
                if (t.type() != TensorType.FLOAT32 && t.type() != TensorType.FLOAT64) {
                    problems.add("output '" + output + "' is " + t.typeName() + "; a score must be float32 or"
                            + " float64");
                }
                long[] s = t.shape();
                boolean vector = s.length == 1 || (s.length == 2 && (s[1] == 1 || s[1] < 0));
                if (!vector) {
                    problems.add("output '" + output + "' has shape " + ModelSignature.shape(s) + "; a score is"
                            + " [batch] or [batch, 1]");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the ONNX model does not match the mapping:\n  - "
                    + String.join("\n  - ", problems));
        }
        return output;
    }
}
