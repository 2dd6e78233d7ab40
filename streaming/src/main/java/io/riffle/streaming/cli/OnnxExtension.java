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
        Subcommands.addUnder(root, "export", new ExportOnnxCommand.Export(), new ExportOnnxCommand());
        Subcommands.addUnder(root, "simulate", new SimulateCtrCommand.Simulate(), new SimulateCtrCommand());
    }
}
