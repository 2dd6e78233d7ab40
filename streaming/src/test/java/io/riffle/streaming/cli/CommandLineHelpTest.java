package io.riffle.streaming.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class CommandLineHelpTest {
    private static List<CommandLine> allCommands(CommandLine root) {
        List<CommandLine> out = new ArrayList<>();
        out.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!out.contains(sub)) {
                out.addAll(allCommands(sub));
            }
        }
        return out;
    }

    @Test
    void everyOptionOfEveryCommandStatesItsDefault() {
        List<String> missing = new ArrayList<>();
        for (CommandLine cmd : allCommands(Riffle.commandLine())) {
            for (OptionSpec option : cmd.getCommandSpec().options()) {
                boolean flag = option.typeInfo().isBoolean() || option.usageHelp() || option.versionHelp();
                if (flag || option.required()) {
                    continue;
                }
                String description = String.join(" ", option.description());
                if (!description.contains("default")) {
                    missing.add(cmd.getCommandSpec().qualifiedName() + " " + option.longestName());
                }
            }
        }
        assertThat(missing).as("options whose help does not state a default").isEmpty();
    }

    @Test
    void helpShowsTheDefaultValues() {
        StringWriter text = new StringWriter();
        CommandLine cmd = Riffle.commandLine();
        cmd.setOut(new PrintWriter(text));
        assertThat(cmd.execute("run", "ctr", "--help")).isZero();
        assertThat(text.toString()).contains("--bits=B", "(default: 20)", "--ftrl-alpha=A", "(default: 0.1)",
                "--attribution-window=DURATION", "(default: 10m)", "--scoring-mode=MODE");
    }

    @Test
    void dryRunChecksInputsAndSaysWhatItWouldDo() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("riffle-dry");
        java.nio.file.Path input = dir.resolve("in.jsonl");
        java.nio.file.Files.writeString(input, "{\"id\":\"a\",\"time\":1,\"features\":{\"s\":\"x\"}}\n");
        StringWriter text = new StringWriter();
        CommandLine cmd = Riffle.commandLine();
        cmd.setOut(new PrintWriter(text));
        assertThat(cmd.execute("run", "ctr", "--input", input.toString(), "--out", dir.resolve("out").toString(),
                "--dry-run")).isZero();
        assertThat(text.toString()).startsWith("ok: ").contains("fresh start");
        assertThat(java.nio.file.Files.exists(dir.resolve("out"))).isFalse();
    }

    @Test
    void durationsAcceptUnits() {
        assertThat(DurationConverter.parse("250ms").toMillis()).isEqualTo(250);
        assertThat(DurationConverter.parse("5m").toSeconds()).isEqualTo(300);
        assertThat(DurationConverter.parse("1500").toMillis()).isEqualTo(1500);
    }
}
