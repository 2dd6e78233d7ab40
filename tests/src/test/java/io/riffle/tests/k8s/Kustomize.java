package io.riffle.tests.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a kustomization in Java, as {@code kubectl kustomize} does, for the features {@code k8s/} uses:
 * {@code resources} (files and kustomization folders), {@code namespace}, {@code labels} (metadata only) and
 * {@code patches} (strategic-merge or JSON 6902, from a file or inline, with a target or not), applied in kustomize's
 * order (patches, then namespace, then labels). Anything else fails loudly rather than rendering differently: so a
 * test can check the overlays on a machine without kubectl, and {@link K8sKustomizeTest} compares this rendering with
 * kubectl's where it exists.
 *
 * <p>Strategic-merge patches merge maps; a list in one is accepted only where the resource has none yet (kustomize
 * replaces lists of custom resources and merges some lists of built-in ones: to change a list, use a JSON patch).
 */
final class Kustomize {
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "labels", "resources",
            "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass");

    private Kustomize() {}

    /** The resources {@code kubectl kustomize dir} would print (in no particular order). */
    static List<ObjectNode> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        List<JsonNode> docs = K8sFiles.documents(file);
        if (docs.size() != 1 || !docs.get(0).isObject()) {
            throw new IllegalArgumentException(file + " must hold one mapping");
        }
        JsonNode k = docs.get(0);
        for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!SUPPORTED.contains(key)) {
                throw new UnsupportedOperationException(file + ": '" + key + "' is not rendered by this test's"
                        + " kustomize (supported: " + SUPPORTED + ")");
            }
        }
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : k.path("resources")) {
            Path path = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(build(path));
            } else {
                for (JsonNode doc : K8sFiles.documents(path)) {
                    if (!doc.isObject()) {
                        throw new IllegalArgumentException(path + " holds a document that is not a mapping");
                    }
                    resources.add((ObjectNode) doc.deepCopy());
                }
            }
        }
        checkUnique(resources, dir);
        for (JsonNode patch : k.path("patches")) {
            applyPatch(dir, patch, resources);
        }
        if (k.hasNonNull("namespace")) {
            String namespace = k.get("namespace").asText();
            for (ObjectNode r : resources) {
                if (!CLUSTER_SCOPED.contains(r.path("kind").asText())) {
                    metadata(r).put("namespace", namespace);
                }
            }
        }
        for (JsonNode labels : k.path("labels")) {
            if (labels.path("includeSelectors").asBoolean(false) || labels.path("includeTemplates").asBoolean(false)) {
                throw new UnsupportedOperationException(dir + ": labels with includeSelectors/includeTemplates");
            }
            for (ObjectNode r : resources) {
                ObjectNode target = metadata(r).has("labels") ? (ObjectNode) metadata(r).get("labels")
                        : metadata(r).putObject("labels");
                labels.path("pairs").fields().forEachRemaining(e -> target.set(e.getKey(), e.getValue().deepCopy()));
            }
        }
        return resources;
    }

    private static ObjectNode metadata(ObjectNode resource) {
        return resource.has("metadata") ? (ObjectNode) resource.get("metadata") : resource.putObject("metadata");
    }

    private static void checkUnique(List<ObjectNode> resources, Path dir) {
        Set<String> ids = new HashSet<>();
        for (ObjectNode r : resources) {
            String id = group(r.path("apiVersion").asText()) + "/" + K8sFiles.id(r) + "@"
                    + r.path("metadata").path("namespace").asText();
            if (!ids.add(id)) {
                throw new IllegalArgumentException(dir + ": resource " + id + " is declared twice");
            }
        }
    }

    private static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static void applyPatch(Path dir, JsonNode spec, List<ObjectNode> resources) {
        String text;
        String where;
        try {
            if (spec.hasNonNull("path")) {
                Path file = dir.resolve(spec.get("path").asText()).normalize();
                text = Files.readString(file);
                where = file.toString();
            } else {
                text = spec.path("patch").asText();
                where = dir + " (inline patch)";
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<JsonNode> docs = K8sFiles.documents(text);
        if (docs.size() != 1) {
            throw new IllegalArgumentException(where + ": a patch is one document");
        }
        JsonNode patch = docs.get(0);
        List<ObjectNode> targets = spec.has("target") ? select(resources, spec.get("target"))
                : select(resources, patch);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(where + ": the patch matches no resource");
        }
        for (ObjectNode target : targets) {
            if (patch.isArray()) {
                JsonPatch.apply(target, (ArrayNode) patch, where);
            } else {
                merge(target, (ObjectNode) patch, "", where, true);
            }
        }
    }

    /** Resources matching a patch target (group, version, kind, name as an anchored regex, label selector k=v). */
    private static List<ObjectNode> select(List<ObjectNode> resources, JsonNode target) {
        boolean selector = target.has("group") || target.has("version") || target.has("name")
                || target.has("labelSelector") || !target.has("apiVersion");
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode r : resources) {
            String apiVersion = r.path("apiVersion").asText();
            if (selector) {
                for (String field : List.of("namespace", "annotationSelector")) {
                    if (target.has(field)) {
                        throw new UnsupportedOperationException("patch target by " + field);
                    }
                }
                if (target.has("group") && !target.get("group").asText().equals(group(apiVersion))) {
                    continue;
                }
                if (target.has("version") && !apiVersion.endsWith("/" + target.get("version").asText())) {
                    continue;
                }
                if (target.has("kind") && !target.get("kind").asText().equals(r.path("kind").asText())) {
                    continue;
                }
                if (target.has("name")
                        && !Pattern.matches(target.get("name").asText(), K8sFiles.name(r))) {
                    continue;
                }
                if (target.has("labelSelector") && !matchesLabels(r, target.get("labelSelector").asText())) {
                    continue;
                }
            } else if (!(apiVersion.equals(target.path("apiVersion").asText())
                    && r.path("kind").asText().equals(target.path("kind").asText())
                    && K8sFiles.name(r).equals(K8sFiles.name(target)))) {
                continue;
            }
            out.add(r);
        }
        return out;
    }

    private static boolean matchesLabels(JsonNode resource, String selector) {
        for (String term : selector.split(",")) {
            String[] kv = term.split("=", 2);
            if (kv.length != 2 || kv[0].endsWith("!")) {
                throw new UnsupportedOperationException("label selector " + selector + " (only k=v,...)");
            }
            if (!kv[1].trim().equals(resource.path("metadata").path("labels").path(kv[0].trim()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    /** A strategic merge of {@code patch} into {@code target}; at the top, the patch's identity is not merged. */
    private static void merge(ObjectNode target, ObjectNode patch, String path, String where, boolean top) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            String at = path + "/" + key;
            if (top && (key.equals("apiVersion") || key.equals("kind"))) {
                continue;
            }
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject()) {
                if (top && key.equals("metadata")) {
                    ObjectNode meta = ((ObjectNode) value).deepCopy();
                    meta.remove(List.of("name", "namespace"));
                    value = meta;
                }
                JsonNode existing = target.get(key);
                if (existing != null && existing.isObject()) {
                    merge((ObjectNode) existing, (ObjectNode) value, at, where, false);
                } else {
                    target.set(key, value.deepCopy());
                }
            } else if (value.isArray() && target.has(key)) {
                throw new UnsupportedOperationException(where + ": a strategic-merge patch of the list " + at
                        + " (kustomize merges or replaces it depending on the kind): use a JSON patch");
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    /** RFC 6902 add, remove, replace and test, with RFC 6901 pointers. */
    static final class JsonPatch {
        private JsonPatch() {}

        static void apply(ObjectNode document, ArrayNode ops, String where) {
            for (JsonNode op : ops) {
                String kind = op.path("op").asText();
                List<String> path = pointer(op.path("path").asText());
                if (path.isEmpty()) {
                    throw new UnsupportedOperationException(where + ": a JSON patch of the whole document");
                }
                JsonNode parent = resolve(document, path.subList(0, path.size() - 1), where, op);
                String last = path.get(path.size() - 1);
                switch (kind) {
                    case "add" -> add(parent, last, op.get("value").deepCopy(), where, op);
                    case "replace" -> {
                        child(parent, last, where, op);
                        remove(parent, last);
                        add(parent, last, op.get("value").deepCopy(), where, op);
                    }
                    case "remove" -> {
                        child(parent, last, where, op);
                        remove(parent, last);
                    }
                    case "test" -> {
                        JsonNode actual = child(parent, last, where, op);
                        if (!actual.equals(op.get("value"))) {
                            throw new IllegalStateException(where + ": test failed at " + op.path("path").asText()
                                    + ": expected " + op.get("value") + ", found " + actual);
                        }
                    }
                    default -> throw new UnsupportedOperationException(where + ": JSON patch op " + kind);
                }
            }
        }

        private static List<String> pointer(String pointer) {
            if (pointer.isEmpty()) {
                return List.of();
            }
            if (!pointer.startsWith("/")) {
                throw new IllegalArgumentException("JSON pointer " + pointer + " must start with /");
            }
            List<String> tokens = new ArrayList<>();
            for (String t : pointer.substring(1).split("/", -1)) {
                tokens.add(t.replace("~1", "/").replace("~0", "~"));
            }
            return tokens;
        }

        private static JsonNode resolve(JsonNode doc, List<String> tokens, String where, JsonNode op) {
            JsonNode node = doc;
            for (String t : tokens) {
                node = child(node, t, where, op);
            }
            return node;
        }

        private static JsonNode child(JsonNode node, String token, String where, JsonNode op) {
            JsonNode child = node.isArray() ? node.get(index(node, token, false, where, op)) : node.get(token);
            if (child == null) {
                throw new IllegalStateException(where + ": " + op.path("path").asText() + " does not exist");
            }
            return child;
        }

        private static int index(JsonNode array, String token, boolean forAdd, String where, JsonNode op) {
            if (forAdd && token.equals("-")) {
                return array.size();
            }
            if (!token.matches("0|[1-9][0-9]*")) {
                throw new IllegalStateException(where + ": bad list index in " + op.path("path").asText());
            }
            int i = Integer.parseInt(token);
            if (i > array.size() || (!forAdd && i == array.size())) {
                throw new IllegalStateException(where + ": index out of range in " + op.path("path").asText());
            }
            return i;
        }

        private static void add(JsonNode parent, String token, JsonNode value, String where, JsonNode op) {
            if (parent.isArray()) {
                ((ArrayNode) parent).insert(index(parent, token, true, where, op), value);
            } else if (parent.isObject()) {
                ((ObjectNode) parent).set(token, value);
            } else {
                throw new IllegalStateException(where + ": " + op.path("path").asText() + " is inside a scalar");
            }
        }

        private static void remove(JsonNode parent, String token) {
            if (parent.isArray()) {
                ((ArrayNode) parent).remove(Integer.parseInt(token));
            } else {
                ((ObjectNode) parent).remove(token);
            }
        }
    }
}
