package io.riffle.tests.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every FlinkDeployment, as each kustomization renders it and as its file stands alone, validates against the
 * operator's own CRD schema ({@code flink-kubernetes-operator-api}, the version in the root pom), strictly: an
 * unknown field fails as it would with {@code kubectl apply}.
 */
class K8sFlinkDeploymentSchemaTest {
    /** The operator refuses longer names, and names that are not DNS labels (its DefaultValidator). */
    private static final String OPERATOR_NAME = "[a-z]([-a-z0-9]{0,43}[a-z0-9])?";

    private static FlinkDeploymentCrd crd;

    @BeforeAll
    static void loadCrd() {
        crd = FlinkDeploymentCrd.load();
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> flinkDeployments() {
        return Renderings.flinkDeployments();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("flinkDeployments")
    void validatesAgainstTheOperatorsCrd(String kustomization, String name, ObjectNode deployment) {
        assertThat(crd.validate(deployment)).as("%s in %s", name, kustomization).isEmpty();
        assertThat(name).matches(OPERATOR_NAME);
    }

    static Stream<Path> baseFiles() {
        return K8sFiles.yamlFiles().stream().filter(p -> p.getFileName().toString().startsWith("flinkdeployment-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("baseFiles")
    void eachFileIsValidOnItsOwn(Path file) {
        for (JsonNode doc : K8sFiles.documents(file)) {
            assertThat(crd.validate(doc)).as(file.toString()).isEmpty();
        }
    }

    @Test
    void theValidationIsStrict() {
        ObjectNode good = Renderings.find("base", "FlinkDeployment", "riffle-ctr").deepCopy();
        assertThat(crd.validate(good)).isEmpty();

        ObjectNode typo = good.deepCopy();
        ((ObjectNode) typo.path("spec").path("job")).put("upgradeMod", "savepoint");
        assertThat(crd.validate(typo)).anySatisfy(e -> assertThat(e).contains("upgradeMod"));

        ObjectNode badEnum = good.deepCopy();
        ((ObjectNode) badEnum.path("spec").path("job")).put("upgradeMode", "snapshot");
        assertThat(crd.validate(badEnum)).anySatisfy(e -> assertThat(e).contains("upgradeMode"));

        ObjectNode badType = good.deepCopy();
        ((ObjectNode) badType.path("spec").path("job")).put("parallelism", "four");
        assertThat(crd.validate(badType)).anySatisfy(e -> assertThat(e).contains("parallelism"));

        ObjectNode deepTypo = good.deepCopy();
        ((ObjectNode) deepTypo.path("spec").path("podTemplate").path("spec").path("containers").get(0))
                .put("volumeMount", "x");
        assertThat(crd.validate(deepTypo)).anySatisfy(e -> assertThat(e).contains("volumeMount"));

        ObjectNode confNotString = good.deepCopy();
        ((ObjectNode) confNotString.path("spec").path("flinkConfiguration")).put("taskmanager.numberOfTaskSlots", 2);
        assertThat(crd.validate(confNotString)).anySatisfy(e -> assertThat(e).contains("taskmanager.numberOfTaskSlots"));
    }

    @Test
    void flinkVersionIsTheNewestTheOperatorKnows() {
        // The image runs Flink 2.2.1; the operator 1.10's CRD stops at v1_20 (k8s/README.md, "Flink version").
        // A newer operator (in the root pom) with a newer enum makes this fail: then raise flinkVersion with it.
        List<String> allowed = crd.flinkVersions("v1beta1");
        String newest = allowed.get(allowed.size() - 1);
        Renderings.flinkDeployments().forEach(a -> {
            JsonNode d = (JsonNode) a.get()[2];
            assertThat(d.path("spec").path("flinkVersion").asText()).as("%s in %s", a.get()[1], a.get()[0])
                    .isEqualTo(newest);
        });
    }
}
