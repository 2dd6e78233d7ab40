package io.riffle.tests.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The kustomizations of {@code k8s/} rendered once (in Java) for every test, and argument sources over them. */
final class Renderings {
    private static Map<String, List<ObjectNode>> cache;

    private Renderings() {}

    /** Kustomization name ({@code base}, {@code overlays/dev}, …) to its rendered resources. Do not modify them. */
    static synchronized Map<String, List<ObjectNode>> all() {
        if (cache == null) {
            Map<String, List<ObjectNode>> out = new LinkedHashMap<>();
            for (String name : K8sFiles.KUSTOMIZATIONS) {
                out.put(name, List.copyOf(Kustomize.build(K8sFiles.root().resolve(name))));
            }
            cache = out;
        }
        return cache;
    }

    static List<ObjectNode> of(String kustomization) {
        return all().get(kustomization);
    }

    static ObjectNode find(String kustomization, String kind, String name) {
        return K8sFiles.ofKind(of(kustomization), kind).stream().filter(r -> K8sFiles.name(r).equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(kustomization + " renders no " + kind + "/" + name));
    }

    /** (kustomization, FlinkDeployment name, FlinkDeployment) for every FlinkDeployment of every kustomization. */
    static Stream<Arguments> flinkDeployments() {
        List<Arguments> out = new ArrayList<>();
        all().forEach((k, resources) -> K8sFiles.ofKind(resources, "FlinkDeployment")
                .forEach(d -> out.add(Arguments.of(k, K8sFiles.name(d), d))));
        return out.stream();
    }

    /** The job arguments of a FlinkDeployment. */
    static List<String> args(JsonNode deployment) {
        List<String> args = new ArrayList<>();
        deployment.path("spec").path("job").path("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    /** The value of {@code --name=value} in {@code args}, or null. */
    static String arg(List<String> args, String name) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return null;
    }
}
