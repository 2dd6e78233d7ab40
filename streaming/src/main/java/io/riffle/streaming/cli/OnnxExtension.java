package io.riffle.streaming.cli;

import picocli.CommandLine;

/**
 * Adds the ONNX commands: {@code riffle score}, {@code riffle export onnx}, and {@code riffle simulate ctr} (the
 * data the FinalMLP fixture is trained on). Found by {@link java.util.ServiceLoader}.
 */
public final class OnnxExtension implements RiffleExtension {
    @Override
    public void register(CommandLine root) {
        root.addSubcommand(new ScoreCommand());
        addUnder(root, "export", new ExportOnnxCommand.Export(), new ExportOnnxCommand());
        addUnder(root, "simulate", new SimulateCtrCommand.Simulate(), new SimulateCtrCommand());
    }

    /** Adds {@code command} under {@code parent}, creating the parent unless another extension already has. */
    static void addUnder(CommandLine root, String parent, Object parentCommand, Object command) {
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
