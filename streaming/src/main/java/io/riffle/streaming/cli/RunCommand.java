package io.riffle.streaming.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code riffle run FAMILY}: runs a job over recorded input. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a job: replay recorded input (or read a stream), score, learn, checkpoint.",
        subcommands = {RunCtrCommand.class, RunGraphCommand.class, RunReservoirCommand.class})
public final class RunCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
