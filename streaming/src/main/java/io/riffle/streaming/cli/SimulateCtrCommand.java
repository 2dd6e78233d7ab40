package io.riffle.streaming.cli;

import io.riffle.streaming.ctr.ClickLogFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code riffle simulate ctr}: writes the click simulator's log, the data of {@code demo ctr}, without a job. */
@Command(name = "ctr", mixinStandardHelpOptions = true,
        description = "Write a simulated click log (Riffle JSON lines: impressions, then delayed click labels) with a"
                + " known ground-truth model, as `riffle demo ctr` does, e.g. to train a model elsewhere.")
public final class SimulateCtrCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--events", defaultValue = "200000", paramLabel = "N",
            description = "Impressions to simulate (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Simulator seed: the ground-truth model and the events follow from it"
                    + " (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The click log to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ClickLogFile.Written w = ClickLogFile.write(out, events, seed);
        spec.commandLine().getOut().printf("%,d impressions, %,d clicks -> %s (ground-truth log loss %.5f)%n",
                w.impressions(), w.clicks(), out, w.trueLogLoss());
        return 0;
    }

    /** {@code riffle simulate}: the parent of simulators. */
    @Command(name = "simulate", mixinStandardHelpOptions = true, description = "Write simulated event logs.",
            subcommands = {SimulateCtrCommand.class})
    public static final class Simulate implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }
}
