package io.riffle.bench.onnx;

import io.riffle.streaming.cli.RiffleExtension;
import io.riffle.streaming.cli.Subcommands;
import picocli.CommandLine;

/** Adds {@code riffle bench onnx} and {@code riffle bench cascade} (found by {@link java.util.ServiceLoader}). */
public final class OnnxBenchExtension implements RiffleExtension {
    @Override
    public void register(CommandLine root) {
        Subcommands.addUnder(root, "bench", new OnnxBenchCommands.Bench(), new OnnxBenchCommands.Onnx());
        Subcommands.addUnder(root, "bench", new OnnxBenchCommands.Bench(), new OnnxBenchCommands.Cascade());
    }
}
