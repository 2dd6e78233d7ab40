package io.riffle.tests.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riffle.streaming.cli.Riffle;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The job arguments of every FlinkDeployment, as each kustomization renders them, are what {@code riffle} accepts:
 * they go through the real command line with {@code --dry-run}, which checks options and inputs, prints the plan and
 * exits 0, or exits 2 naming what is wrong. (A Kafka input is not contacted by a dry run.)
 */
class K8sDryRunTest {
    static Stream<Arguments> flinkDeployments() {
        return Renderings.flinkDeployments();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("flinkDeployments")
    void riffleAcceptsTheJobArguments(String kustomization, String name, ObjectNode deployment) {
        List<String> args = new ArrayList<>(Renderings.args(deployment));
        assertThat(unknown(args)).as("riffle %s: options and commands riffle does not have", String.join(" ", args))
                .isEmpty();
        args.add("--dry-run");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine riffle = Riffle.commandLine();
        riffle.setOut(new PrintWriter(out, true));
        riffle.setErr(new PrintWriter(err, true));
        int code = riffle.execute(args.toArray(String[]::new));
        assertThat(code).as("riffle %s\n%s%s", String.join(" ", args), out, err).isZero();
        assertThat(out.toString()).startsWith("ok: ");
    }

    /** The commands and options of {@code args} that riffle does not declare (a clearer message than its own). */
    static List<String> unknown(List<String> args) {
        CommandLine command = Riffle.commandLine();
        List<String> unknown = new ArrayList<>();
        int i = 0;
        while (i < args.size() && !args.get(i).startsWith("-")) {
            CommandLine sub = command.getSubcommands().get(args.get(i));
            if (sub == null) {
                unknown.add("command '" + String.join(" ", args.subList(0, i + 1)) + "'");
                return unknown;
            }
            command = sub;
            i++;
        }
        for (String a : args.subList(i, args.size())) {
            if (a.startsWith("-")) {
                String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                if (command.getCommandSpec().findOption(option) == null) {
                    unknown.add(option);
                }
            }
        }
        return unknown;
    }
}
