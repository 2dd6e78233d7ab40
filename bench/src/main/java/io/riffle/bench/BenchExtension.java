package io.riffle.bench;

import io.riffle.streaming.cli.RiffleExtension;
import picocli.CommandLine;

/** Adds {@code riffle bench} to the command line when this module is on the class path. */
public final class BenchExtension implements RiffleExtension {
    @Override
    public void register(CommandLine root) {
        root.addSubcommand("bench", new CommandLine(new BenchCommand()));
    }
}
