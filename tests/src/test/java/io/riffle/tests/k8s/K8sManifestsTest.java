package io.riffle.tests.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file under {@code k8s/} parses, and each resource is named as Kubernetes requires. */
class K8sManifestsTest {
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    static Stream<Path> yamlFiles() {
        return K8sFiles.yamlFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("yamlFiles")
    void parsesAsKubernetesYaml(Path file) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as("%s: YAML forbids tabs for indentation", file).doesNotContain("\t");
        List<JsonNode> docs = K8sFiles.documents(file);
        assertThat(docs).as("%s holds no document", file).isNotEmpty();
        boolean kustomization = file.getFileName().toString().equals("kustomization.yaml");
        for (JsonNode doc : docs) {
            if (doc.isArray()) {
                // A JSON 6902 patch (referenced by a kustomization): a list of operations.
                doc.forEach(op -> assertThat(op.path("op").asText()).as("%s: op", file)
                        .isIn("add", "remove", "replace", "test"));
                doc.forEach(op -> assertThat(op.path("path").asText()).as("%s: path", file).startsWith("/"));
                continue;
            }
            assertThat(doc.isObject()).as("%s: a document is a mapping", file).isTrue();
            assertThat(doc.path("apiVersion").asText()).as("%s: apiVersion", file).isNotEmpty();
            if (kustomization) {
                assertThat(doc.path("kind").asText()).as("%s: kind", file).isEqualTo("Kustomization");
            } else {
                assertThat(doc.path("kind").asText()).as("%s: kind", file).isNotEmpty();
                assertThat(K8sFiles.name(doc)).as("%s: metadata.name", file).matches(DNS_SUBDOMAIN);
            }
        }
    }

    @Test
    void everyKustomizationRendersWithoutKubectl() {
        Renderings.all().forEach((name, resources) -> {
            assertThat(resources).as(name).isNotEmpty();
            resources.forEach(r -> assertThat(K8sFiles.name(r)).as("%s: %s", name, K8sFiles.id(r))
                    .matches(DNS_SUBDOMAIN));
        });
        assertThat(K8sFiles.ofKind(Renderings.of("base"), "FlinkDeployment")).extracting(K8sFiles::name)
                .containsExactlyInAnyOrder("riffle-ctr", "riffle-graph", "riffle-reservoir");
    }

    @Test
    void everyYamlFileIsUsedByAKustomization() throws IOException {
        List<Path> referenced = new ArrayList<>();
        for (String k : K8sFiles.KUSTOMIZATIONS) {
            collectReferences(K8sFiles.root().resolve(k), referenced);
        }
        List<Path> unused = K8sFiles.yamlFiles().stream()
                .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                .filter(p -> !referenced.contains(p.normalize())).toList();
        assertThat(unused).as("YAML files no kustomization applies").isEmpty();
    }

    private static void collectReferences(Path dir, List<Path> out) {
        JsonNode k = K8sFiles.documents(dir.resolve("kustomization.yaml")).get(0);
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                collectReferences(p, out);
            } else {
                out.add(p);
            }
        }
        for (JsonNode patch : k.path("patches")) {
            if (patch.has("path")) {
                out.add(dir.resolve(patch.get("path").asText()).normalize());
            }
        }
    }

    @Test
    void theJavaRendererRefusesWhatItDoesNotRender(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\n"
                + "kind: Kustomization\nresources: [cm.yaml]\nimages:\n  - name: riffle\n    newTag: x\n");
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("'images'");
    }

    @Test
    void aJsonPatchTestGuardsThePositionOfAnArgument(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\n"
                + "kind: Kustomization\nresources: [d.yaml]\npatches:\n  - target: {kind: D}\n    patch: |-\n"
                + "      - {op: test, path: /spec/args/1, value: --parallelism=4}\n"
                + "      - {op: replace, path: /spec/args/1, value: --parallelism=1}\n");
        Files.writeString(dir.resolve("d.yaml"), "apiVersion: x/v1\nkind: D\nmetadata: {name: d}\n"
                + "spec: {args: [run, --out=/o, --parallelism=4]}\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("test failed at /spec/args/1");
        Files.writeString(dir.resolve("d.yaml"), "apiVersion: x/v1\nkind: D\nmetadata: {name: d}\n"
                + "spec: {args: [run, --parallelism=4, --out=/o]}\n");
        ObjectNode d = Kustomize.build(dir).get(0);
        assertThat(d.path("spec").path("args")).extracting(JsonNode::asText)
                .containsExactly("run", "--parallelism=1", "--out=/o");
    }
}
