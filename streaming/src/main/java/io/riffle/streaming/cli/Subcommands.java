package io.riffle.streaming.cli;

import picocli.CommandLine;

/** Helpers for {@link RiffleExtension}s that add commands under a parent other extensions may share. */
public final class Subcommands {
    private Subcommands() {}

    /**
     * Adds {@code command} under {@code root}'s subcommand {@code parent} (e.g. {@code bench}), creating the parent
     * from {@code parentCommand} unless another extension already has; a child of the same name is not added twice.
     */
    public static void addUnder(CommandLine root, String parent, Object parentCommand, Object command) {
        CommandLine p = root.getSubcommands().get(parent);
        if (p == null) {
            root.addSubcommand(parentCommand);
            p = root.getSubcommands().get(parent);
        }
        CommandLine child = new CommandLine(command);
        if (!p.getSubcommands().containsKey(child.getCommandName())) {
            p.addSubcommand(child);
        }
    }
}
