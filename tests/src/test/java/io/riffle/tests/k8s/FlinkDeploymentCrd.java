package io.riffle.tests.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The FlinkDeployment CRD as the Flink Kubernetes Operator ships it (in {@code flink-kubernetes-operator-api}, under
 * {@code META-INF/fabric8/}), and validation of a resource against its OpenAPI v3 schema the way the API server
 * validates with strict field validation ({@code kubectl apply --validate=strict}, the default): besides types,
 * enums and required fields, a field the schema does not declare is an error, unless the schema preserves unknown
 * fields there ({@code x-kubernetes-preserve-unknown-fields}). The schema does not say so itself (in JSON Schema,
 * undeclared properties are allowed), so {@link #strict} adds {@code additionalProperties: false} where the API
 * server would reject unknown fields.
 */
final class FlinkDeploymentCrd {
    static final String RESOURCE = "META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";
    static final String GROUP = "flink.apache.org";

    /**
     * OpenAPI 3.0 as in CRDs: Kubernetes' own keywords are annotations for the validator (what they mean for
     * validation, {@link #strict} and the root's implicit fields, is handled here).
     */
    private static final Dialect DIALECT = Dialect.builder(Dialects.getOpenApi30())
            .keywords(java.util.stream.Stream.of("int-or-string", "preserve-unknown-fields", "embedded-resource",
                            "list-type", "list-map-keys", "map-type", "validations")
                    .map(k -> new NonValidationKeyword("x-kubernetes-" + k)).toList())
            .build();

    private final JsonNode crd;

    private FlinkDeploymentCrd(JsonNode crd) {
        this.crd = crd;
    }

    static FlinkDeploymentCrd load() {
        try (InputStream in = FlinkDeploymentCrd.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path"
                        + " (org.apache.flink:flink-kubernetes-operator-api, a test dependency)");
            }
            List<JsonNode> docs = K8sFiles.documents(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return new FlinkDeploymentCrd(docs.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CRD version entry for {@code version} ({@code v1beta1}), which must be served. */
    JsonNode version(String version) {
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("name").asText().equals(version)) {
                if (!v.path("served").asBoolean()) {
                    throw new IllegalArgumentException(GROUP + "/" + version + " is not served by this CRD");
                }
                return v;
            }
        }
        throw new IllegalArgumentException("the CRD has no version " + version);
    }

    /** {@code spec.flinkVersion}'s allowed values, oldest first. */
    List<String> flinkVersions(String version) {
        List<String> out = new ArrayList<>();
        version(version).path("schema").path("openAPIV3Schema").path("properties").path("spec").path("properties")
                .path("flinkVersion").path("enum").forEach(v -> out.add(v.asText()));
        return out;
    }

    /** The errors of {@code resource} against the schema of its apiVersion; empty when it is valid. */
    List<String> validate(JsonNode resource) {
        String apiVersion = resource.path("apiVersion").asText();
        if (!apiVersion.startsWith(GROUP + "/")) {
            return List.of("apiVersion " + apiVersion + " is not in " + GROUP);
        }
        if (!"FlinkDeployment".equals(resource.path("kind").asText())) {
            return List.of("kind " + resource.path("kind").asText() + " is not FlinkDeployment");
        }
        ObjectNode root = version(apiVersion.substring(GROUP.length() + 1)).path("schema").path("openAPIV3Schema")
                .deepCopy();
        // Every resource has these; the API server validates metadata itself, so a CRD does not declare them.
        ObjectNode properties = (ObjectNode) root.path("properties");
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        properties.putObject("metadata").put("type", "object");
        JsonNode schemaNode = strict(root);
        Schema schema = SchemaRegistry.withDefaultDialect(DIALECT).getSchema(schemaNode);
        List<String> errors = new ArrayList<>();
        for (Error e : schema.validate(resource)) {
            errors.add(e.toString());
        }
        return errors;
    }

    /**
     * Adds {@code additionalProperties: false} to every object schema that declares its properties and neither
     * allows others nor preserves unknown fields: what the API server's strict field validation enforces.
     */
    static JsonNode strict(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode node = (ObjectNode) schema;
            if (node.has("properties") && !node.has("additionalProperties")
                    && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                node.put("additionalProperties", false);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("properties")) {
                    e.getValue().forEach(FlinkDeploymentCrd::strict);
                } else if (e.getValue().isContainerNode()) {
                    strict(e.getValue());
                }
            }
        } else if (schema.isArray()) {
            schema.forEach(FlinkDeploymentCrd::strict);
        }
        return schema;
    }
}
