package io.riffle.bench;

import io.riffle.bench.ctr.CtrBenchCommand;
import io.riffle.bench.graph.GraphBenchCommand;
import io.riffle.bench.kafka.KafkaBenchCommand;
import io.riffle.bench.onnx.OnnxBenchCommands;
import io.riffle.bench.reservoir.ReservoirBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code riffle bench …}: benchmarks that print their figures and write {@code bench.json}. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: end-to-end runs against bare kernel loops, and JMH micro-benchmarks.",
        subcommands = {CtrBenchCommand.class, GraphBenchCommand.class, KafkaBenchCommand.class,
                ReservoirBenchCommand.class, OnnxBenchCommands.Onnx.class, OnnxBenchCommands.Cascade.class,
                JmhCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
