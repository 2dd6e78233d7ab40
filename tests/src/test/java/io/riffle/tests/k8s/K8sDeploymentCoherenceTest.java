package io.riffle.tests.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riffle.streaming.cli.DurationConverter;
import io.riffle.streaming.cli.Riffle;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.util.TimeUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployments hang together: their Flink configuration is Flink's (the version the image runs), their state
 * lives in the bucket and survives upgrades, the job runs the jar the image holds, the Kafka topics they use exist
 * and their exactly-once settings fit the checkpoints, and their metrics reach Prometheus.
 */
class K8sDeploymentCoherenceTest {
    /** Keys of the operator, of file system plugins and of named metric reporters: not Flink core options. */
    private static final List<String> PLUGIN_PREFIXES = List.of("kubernetes.operator.", "s3.", "metrics.reporter.");
    /**
     * Deprecated keys allowed, and why: the operator 1.10 is a Flink 1.20 client and reads the savepoint directory
     * from the 1.x key (for savepoint upgrades); Flink 2.2 still reads it as a fallback of its new key.
     */
    private static final Map<String, String> DEPRECATED_ALLOWED = Map.of("state.savepoints.dir",
            "execution.checkpointing.savepoint-dir");
    /** Kafka's default transaction.max.timeout.ms (Strimzi keeps it): brokers refuse producers asking for more. */
    private static final Duration BROKER_MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private static FlinkOptionKeys flinkKeys;

    @BeforeAll
    static void scanFlinkKeys() {
        flinkKeys = FlinkOptionKeys.scan();
        assertThat(flinkKeys.size()).as("Flink options found on the class path").isGreaterThan(300);
    }

    static Stream<Arguments> flinkDeployments() {
        return Renderings.flinkDeployments();
    }

    private static Map<String, String> conf(JsonNode deployment) {
        Map<String, String> conf = new LinkedHashMap<>();
        deployment.path("spec").path("flinkConfiguration").fields()
                .forEachRemaining(e -> conf.put(e.getKey(), e.getValue().asText()));
        return conf;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("flinkDeployments")
    void flinkConfigurationIsFlinksOwn(String kustomization, String name, ObjectNode deployment) {
        List<String> problems = new ArrayList<>();
        org.apache.flink.configuration.Configuration parsed =
                org.apache.flink.configuration.Configuration.fromMap(conf(deployment));
        conf(deployment).forEach((key, value) -> {
            if (PLUGIN_PREFIXES.stream().anyMatch(key::startsWith)) {
                return;
            }
            var known = flinkKeys.find(key);
            if (known.isEmpty()) {
                problems.add(key + " is not a Flink " + EnvironmentInformation.getVersion() + " option");
            } else if (known.get().replacement() != null
                    && !known.get().replacement().equals(DEPRECATED_ALLOWED.get(key))) {
                problems.add(key + " is deprecated: use " + known.get().replacement());
            } else {
                try {
                    parsed.get(known.get().option());
                } catch (RuntimeException e) {
                    problems.add(key + ": '" + value + "' does not parse: " + e.getMessage());
                }
            }
        });
        assertThat(problems).as("%s in %s", name, kustomization).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("flinkDeployments")
    void learnedStateLivesInTheBucketAndSurvivesUpgrades(String kustomization, String name, ObjectNode deployment) {
        Map<String, String> conf = conf(deployment);
        assertThat(conf).containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.incremental", "true")
                .containsEntry("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION")
                .containsEntry("high-availability.type", "kubernetes");
        String bucket = bucket(conf.get("execution.checkpointing.dir"));
        assertThat(bucket(conf.get("state.savepoints.dir"))).isEqualTo(bucket);
        assertThat(bucket(conf.get("high-availability.storageDir"))).isEqualTo(bucket);
        JsonNode job = deployment.path("spec").path("job");
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(job.path("allowNonRestoredState").asBoolean(true)).as("state that does not map is refused")
                .isFalse();
        assertThat(job.path("state").asText()).isEqualTo("running");
        assertThat(deployment.path("spec").path("mode").asText("native")).isEqualTo("native");
        assertThat(deployment.path("spec").path("serviceAccount").asText()).isNotEmpty();
    }

    private static String bucket(String uri) {
        assertThat(uri).as("state in an S3-compatible bucket").isNotNull().startsWith("s3://");
        String rest = uri.substring("s3://".length());
        return rest.substring(0, rest.indexOf('/'));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("flinkDeployments")
    void theJobIsRiffleFromTheImage(String kustomization, String name, ObjectNode deployment) throws IOException {
        JsonNode job = deployment.path("spec").path("job");
        assertThat(job.path("entryClass").asText()).isEqualTo(Riffle.class.getName());
        String jar = job.path("jarURI").asText();
        assertThat(jar).startsWith("local:///");
        String dockerfile = Files.readString(K8sFiles.root().resolve("Dockerfile"));
        String inImage = jar.substring("local://".length());
        // Every final stage (cpu, gpu) puts the jar there.
        Matcher copies = Pattern.compile("(?m)^COPY .*riffle\\.jar " + Pattern.quote(inImage) + "$").matcher(dockerfile);
        int n = 0;
        while (copies.find()) {
            n++;
        }
        assertThat(n).as("COPY of riffle.jar to %s in k8s/Dockerfile", inImage).isEqualTo(2);
        assertThat(Renderings.args(deployment)).as("args").startsWith("run").contains("--cluster");
        assertThat(conf(deployment).get("classloader.parent-first-patterns.additional")).as("ONNX Runtime parent-first")
                .contains("ai.onnxruntime.");
    }

    @Test
    void theImageRunsTheFlinkTheJarIsBuiltAgainst() throws IOException {
        String dockerfile = Files.readString(K8sFiles.root().resolve("Dockerfile"));
        Matcher m = Pattern.compile("(?m)^ARG FLINK_IMAGE=flink:([0-9.]+)-").matcher(dockerfile);
        assertThat(m.find()).as("ARG FLINK_IMAGE=flink:<version>-... in k8s/Dockerfile").isTrue();
        assertThat(m.group(1)).isEqualTo(EnvironmentInformation.getVersion());
        // ONNX Runtime on the parent class path: the jars the build used, into lib/.
        assertThat(dockerfile).contains("-DincludeGroupIds=com.microsoft.onnxruntime")
                .containsPattern("(?m)^COPY --from=build-cpu .*/src/target/ort/ /opt/flink/lib/$")
                .containsPattern("(?m)^COPY --from=build-gpu .*/src/target/ort/ /opt/flink/lib/$")
                .containsPattern("(?m)^FROM sources AS build-gpu\\nRUN .*\\n.* -Pgpu ");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("flinkDeployments")
    void parallelismIsSaidOnce(String kustomization, String name, ObjectNode deployment) {
        String arg = Renderings.arg(Renderings.args(deployment), "--parallelism");
        assertThat(arg).as("--parallelism in the args").isNotNull();
        assertThat(Integer.parseInt(arg)).as("--parallelism = job.parallelism")
                .isEqualTo(deployment.path("spec").path("job").path("parallelism").asInt());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("flinkDeployments")
    void exactlyOnceTransactionsOutliveCheckpoints(String kustomization, String name, ObjectNode deployment) {
        List<String> args = Renderings.args(deployment);
        Duration interval = DurationConverter.parse(Renderings.arg(args, "--checkpoint-interval"));
        Duration transaction = DurationConverter.parse(Renderings.arg(args, "--transaction-timeout"));
        Duration checkpointTimeout = TimeUtils.parseDuration(
                conf(deployment).get("execution.checkpointing.timeout"));
        // A transaction is open from one checkpoint until the next completes and commits it.
        assertThat(transaction).as("--transaction-timeout >= 2 x --checkpoint-interval")
                .isGreaterThanOrEqualTo(interval.multipliedBy(2));
        assertThat(transaction).as("--transaction-timeout > interval + checkpoint timeout")
                .isGreaterThan(interval.plus(checkpointTimeout));
        assertThat(transaction).as("--transaction-timeout <= the brokers' transaction.max.timeout.ms")
                .isLessThanOrEqualTo(BROKER_MAX_TRANSACTION_TIMEOUT);
        assertThat(conf(deployment)).containsEntry("execution.checkpointing.mode", "EXACTLY_ONCE");
        String prefix = Renderings.arg(args, "--transactional-id-prefix");
        assertThat(prefix).as("--transactional-id-prefix, stable and unique per job").isEqualTo(name);
        assertThat(Renderings.arg(args, "--group-id")).isEqualTo(name);
    }

    @Test
    void transactionalIdsAndGroupsAreUniqueAcrossJobs() {
        Renderings.all().forEach((k, resources) -> {
            List<String> prefixes = K8sFiles.ofKind(resources, "FlinkDeployment").stream()
                    .map(d -> Renderings.arg(Renderings.args(d), "--transactional-id-prefix")).toList();
            assertThat(prefixes).as(k).doesNotHaveDuplicates();
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("flinkDeployments")
    void theTopicsAJobUsesExistAsKafkaTopics(String kustomization, String name, ObjectNode deployment) {
        List<ObjectNode> resources = Renderings.of(kustomization);
        Map<String, ObjectNode> topics = new LinkedHashMap<>();
        K8sFiles.ofKind(resources, "KafkaTopic").forEach(t -> topics.put(
                t.path("spec").path("topicName").asText(K8sFiles.name(t)), t));
        List<String> args = Renderings.args(deployment);
        int parallelism = deployment.path("spec").path("job").path("parallelism").asInt();
        String family = name.substring("riffle-".length());
        List<String> used = new ArrayList<>();
        for (String a : args) {
            if (a.matches("--([a-z]+-)?topic=.*")) {
                used.addAll(List.of(a.substring(a.indexOf('=') + 1).split(",")));
            }
        }
        assertThat(used).as("input topics in the args").isNotEmpty();
        for (String topic : used) {
            assertThat(topics).as("KafkaTopic for %s", topic).containsKey(topic);
            assertThat(topics.get(topic).path("spec").path("partitions").asInt())
                    .as("partitions of input %s >= parallelism", topic).isGreaterThanOrEqualTo(parallelism);
        }
        // Outputs: riffle.<family>.<stream>, the jobs' default output topics.
        assertThat(topics.keySet()).as("topics of " + family)
                .contains("riffle." + family + ".metrics", "riffle." + family + ".dead-letters",
                        "riffle." + family + ".model-versions");
        // The bootstrap service is the one of the Strimzi cluster the topics belong to.
        String bootstrap = Renderings.arg(args, "--bootstrap-servers");
        for (String topic : used) {
            String cluster = topics.get(topic).path("metadata").path("labels").path("strimzi.io/cluster").asText();
            assertThat(bootstrap).isEqualTo(cluster + "-kafka-bootstrap:9092");
        }
    }

    @Test
    void kafkaTopicsAreDurable() {
        Renderings.all().forEach((k, resources) -> {
            for (ObjectNode t : K8sFiles.ofKind(resources, "KafkaTopic")) {
                String id = k + ": " + K8sFiles.id(t);
                assertThat(t.path("apiVersion").asText()).as(id).isEqualTo("kafka.strimzi.io/v1beta2");
                assertThat(t.path("metadata").path("labels").path("strimzi.io/cluster").asText()).as(id).isNotEmpty();
                JsonNode spec = t.path("spec");
                assertThat(Set.copyOf(iterate(spec.fieldNames()))).as(id).isSubsetOf("partitions", "replicas",
                        "config", "topicName");
                int replicas = spec.path("replicas").asInt();
                int minIsr = spec.path("config").path("min.insync.replicas").asInt();
                assertThat(spec.path("partitions").asInt()).as(id).isPositive();
                assertThat(replicas).as(id).isPositive();
                assertThat(minIsr).as("%s min.insync.replicas", id).isBetween(1, replicas);
                if (replicas > 1) {
                    assertThat(minIsr).as("%s: writes go on with one broker down", id).isLessThan(replicas);
                    assertThat(minIsr).as("%s: an acknowledged write survives losing a broker", id).isGreaterThan(1);
                }
                assertThat(spec.path("config").path("retention.ms").asLong()).as(id).isPositive();
                assertThat(spec.path("config").path("cleanup.policy").asText()).as(id).isEqualTo("delete");
            }
        });
    }

    private static List<String> iterate(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("flinkDeployments")
    void metricsReachPrometheus(String kustomization, String name, ObjectNode deployment) {
        Map<String, String> conf = conf(deployment);
        assertThat(conf).containsEntry("metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        String port = conf.get("metrics.reporter.prom.port");
        JsonNode pod = deployment.path("spec").path("podTemplate");
        assertThat(pod.path("metadata").path("annotations").path("prometheus.io/port").asText()).isEqualTo(port);
        JsonNode main = pod.path("spec").path("containers").get(0);
        assertThat(main.path("name").asText()).isEqualTo("flink-main-container");
        assertThat(main.path("ports")).anySatisfy(p -> {
            assertThat(p.path("name").asText()).isEqualTo("metrics");
            assertThat(p.path("containerPort").asText()).isEqualTo(port);
        });
        ObjectNode monitor = Renderings.find("monitoring", "PodMonitor", "riffle-flink");
        assertThat(monitor.path("spec").path("podMetricsEndpoints").get(0).path("port").asText()).isEqualTo("metrics");
        assertThat(monitor.path("spec").path("selector").path("matchLabels").path("type").asText())
                .isEqualTo("flink-native-kubernetes");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("flinkDeployments")
    void outputFilesLiveOnTheSharedVolume(String kustomization, String name, ObjectNode deployment) {
        String out = Renderings.arg(Renderings.args(deployment), "--out");
        JsonNode pod = deployment.path("spec").path("podTemplate").path("spec");
        JsonNode mount = pod.path("containers").get(0).path("volumeMounts").get(0);
        assertThat(out).startsWith(mount.path("mountPath").asText() + "/");
        JsonNode volume = pod.path("volumes").get(0);
        assertThat(volume.path("name").asText()).isEqualTo(mount.path("name").asText());
        String claim = volume.path("persistentVolumeClaim").path("claimName").asText();
        Renderings.find(kustomization, "PersistentVolumeClaim", claim);
        assertThat(pod.path("securityContext").path("fsGroup").asInt()).as("the flink user may write").isEqualTo(9999);
    }
}
