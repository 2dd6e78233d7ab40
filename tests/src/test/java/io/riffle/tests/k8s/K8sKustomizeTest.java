package io.riffle.tests.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The overlays render to what they promise. The Java rendering ({@link Kustomize}) is checked against
 * {@code kubectl kustomize} wherever kubectl is installed (Debian's kubectl package, or any); without it those
 * comparisons are skipped and the Java rendering stands alone.
 */
class K8sKustomizeTest {
    static List<String> kustomizations() {
        return K8sFiles.KUSTOMIZATIONS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void javaRenderingEqualsKubectlKustomize(String kustomization) throws Exception {
        Path kubectl = kubectl();
        assumeTrue(kubectl != null, "kubectl is not installed: the Java rendering is not compared with kustomize's");
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize",
                K8sFiles.root().resolve(kustomization).toString()).redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize %s: %s", kustomization, err).isZero();
        Map<String, JsonNode> kubectlResources = byId(K8sFiles.documents(new String(out, StandardCharsets.UTF_8)));
        Map<String, JsonNode> javaResources = byId(List.copyOf(Renderings.of(kustomization)));
        assertThat(javaResources.keySet()).isEqualTo(kubectlResources.keySet());
        javaResources.forEach((id, resource) ->
                assertThat(resource).as("%s in %s", id, kustomization).isEqualTo(kubectlResources.get(id)));
    }

    private static Map<String, JsonNode> byId(List<? extends JsonNode> resources) {
        Map<String, JsonNode> out = new TreeMap<>();
        resources.forEach(r -> out.put(r.path("apiVersion").asText() + " " + K8sFiles.id(r) + " in "
                + r.path("metadata").path("namespace").asText(), r));
        return out;
    }

    private static Path kubectl() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void baseRunsInItsNamespaceWithProductionTopics() {
        for (ObjectNode r : Renderings.of("base")) {
            assertThat(r.path("metadata").path("namespace").asText()).as(K8sFiles.id(r)).isEqualTo("riffle");
            assertThat(r.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText()).isEqualTo("riffle");
        }
        for (ObjectNode topic : K8sFiles.ofKind(Renderings.of("base"), "KafkaTopic")) {
            assertThat(topic.path("spec").path("replicas").asInt()).as(K8sFiles.id(topic)).isEqualTo(3);
            assertThat(topic.path("spec").path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
        }
        assertThat(Renderings.find("base", "PersistentVolumeClaim", "riffle-out").path("spec").path("accessModes"))
                .extracting(JsonNode::asText).containsExactly("ReadWriteMany");
    }

    @Test
    void devIsOneSlotOneBrokerAndMinio() {
        List<ObjectNode> dev = Renderings.of("overlays/dev");
        assertThat(dev).hasSameSizeAs(Renderings.of("base"));
        dev.forEach(r -> assertThat(r.path("metadata").path("namespace").asText()).isEqualTo("riffle-dev"));
        for (ObjectNode d : K8sFiles.ofKind(dev, "FlinkDeployment")) {
            JsonNode spec = d.path("spec");
            assertThat(spec.path("job").path("parallelism").asInt()).as(K8sFiles.id(d)).isEqualTo(1);
            assertThat(Renderings.args(d)).contains("--parallelism=1").doesNotContain("--parallelism=4");
            JsonNode conf = spec.path("flinkConfiguration");
            assertThat(conf.path("execution.checkpointing.dir").asText()).startsWith("s3://riffle-dev/");
            assertThat(conf.path("state.savepoints.dir").asText()).startsWith("s3://riffle-dev/");
            assertThat(conf.path("high-availability.storageDir").asText()).startsWith("s3://riffle-dev/");
            assertThat(conf.path("s3.endpoint").asText()).isEqualTo("http://minio:9000");
            assertThat(conf.path("s3.path.style.access").asText()).isEqualTo("true");
            // What the overlay does not change stays as in base.
            ObjectNode base = Renderings.find("base", "FlinkDeployment", K8sFiles.name(d));
            assertThat(spec.path("job").path("upgradeMode")).isEqualTo(base.path("spec").path("job").path("upgradeMode"));
            assertThat(spec.path("podTemplate")).isEqualTo(base.path("spec").path("podTemplate"));
            assertThat(Renderings.args(d)).hasSameSizeAs(Renderings.args(base));
        }
        for (ObjectNode topic : K8sFiles.ofKind(dev, "KafkaTopic")) {
            assertThat(topic.path("spec").path("replicas").asInt()).as(K8sFiles.id(topic)).isEqualTo(1);
            assertThat(topic.path("spec").path("config").path("min.insync.replicas").asInt()).isEqualTo(1);
            ObjectNode base = Renderings.find("base", "KafkaTopic", K8sFiles.name(topic));
            assertThat(topic.path("spec").path("config").path("retention.ms"))
                    .isEqualTo(base.path("spec").path("config").path("retention.ms"));
        }
        assertThat(Renderings.find("overlays/dev", "PersistentVolumeClaim", "riffle-out").path("spec")
                .path("accessModes")).extracting(JsonNode::asText).containsExactly("ReadWriteOnce");
    }

    @Test
    void gpuPutsTheCtrScorerOnGpuNodesAndLeavesTheRestAsInBase() {
        ObjectNode ctr = Renderings.find("overlays/gpu", "FlinkDeployment", "riffle-ctr");
        JsonNode spec = ctr.path("spec");
        assertThat(spec.path("image").asText()).endsWith("-gpu");
        assertThat(Renderings.args(ctr)).endsWith("--device=cuda");
        JsonNode tm = spec.path("taskManager").path("podTemplate").path("spec");
        assertThat(tm.path("nodeSelector").path("nvidia.com/gpu.present").asText()).isEqualTo("true");
        assertThat(tm.path("tolerations")).anySatisfy(t -> {
            assertThat(t.path("key").asText()).isEqualTo("nvidia.com/gpu");
            assertThat(t.path("operator").asText()).isEqualTo("Exists");
            assertThat(t.path("effect").asText()).isEqualTo("NoSchedule");
        });
        JsonNode main = tm.path("containers").get(0);
        assertThat(main.path("name").asText()).isEqualTo("flink-main-container");
        assertThat(main.path("resources").path("limits").path("nvidia.com/gpu").asInt()).isEqualTo(1);
        // The JobManager stays on CPU nodes: no GPU in the shared pod template nor in a JobManager one.
        assertThat(spec.path("podTemplate").toString()).doesNotContain("nvidia.com/gpu");
        assertThat(spec.path("jobManager").has("podTemplate")).isFalse();
        ObjectNode base = Renderings.find("base", "FlinkDeployment", "riffle-ctr");
        assertThat(Renderings.args(ctr).subList(0, Renderings.args(base).size())).isEqualTo(Renderings.args(base));
        for (String other : List.of("riffle-graph", "riffle-reservoir")) {
            assertThat(Renderings.find("overlays/gpu", "FlinkDeployment", other))
                    .isEqualTo(Renderings.find("base", "FlinkDeployment", other));
        }
        assertThat(K8sFiles.ofKind(Renderings.of("overlays/gpu"), "KafkaTopic"))
                .containsExactlyInAnyOrderElementsOf(K8sFiles.ofKind(Renderings.of("base"), "KafkaTopic"));
    }
}
