package io.riffle.streaming.cli;

import picocli.CommandLine;

/**
 * Adds commands to {@code riffle} from other modules (found with {@link java.util.ServiceLoader}): the benchmarks,
 * and model families that plug into {@code run} and {@code demo}. Keeps this module free of dependencies on them.
 */
public interface RiffleExtension {
    /** Adds subcommands to {@code root} or to its {@code run} / {@code demo} commands. */
    void register(CommandLine root);
}
