package io.riffle.streaming.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code riffle demo FAMILY}: the embedded defaults, nothing to set up. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a model family end to end on bundled data with a local Flink: no setup needed.",
        subcommands = {DemoCtrCommand.class, DemoGraphCommand.class, DemoReservoirCommand.class})
public final class DemoCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
