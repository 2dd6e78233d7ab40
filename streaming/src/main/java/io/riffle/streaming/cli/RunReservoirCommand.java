package io.riffle.streaming.cli;

import io.riffle.streaming.reservoir.ReservoirJobConfig;
import io.riffle.streaming.reservoir.ReservoirOutputs;
import io.riffle.streaming.reservoir.ReservoirRun;
import io.riffle.streaming.reservoir.ReservoirSummary;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code riffle run reservoir}: online multi-step forecasting of many series with reservoir computers. */
@Command(name = "reservoir", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay recorded series through the reservoir job: per series key, in event-time order,"
                + " forecast then learn (an echo-state network with an online readout), score every forecast,"
                + " checkpoint.",
                "Writes OUT/predictions.jsonl, metrics.jsonl, model-versions.jsonl, dead-letters.jsonl and"
                        + " summary.json.",
                "With --source kafka: reads series points from --topic and writes the outputs to topics, exactly"
                        + " once (README, \"Kafka\")."})
public final class RunReservoirCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Recorded series (plain or .gz); required unless --source kafka (default: none).")
    Path input;

    @Mixin
    ReservoirOptions reservoir;

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        if (kafka.enabled()) {
            return RunFamilyKafka.reservoir(input, reservoir, runtime, kafka, spec.commandLine().getOut());
        }
        RuntimeOptions.requireInput(input);
        reservoir.checkInput(input);
        ReservoirJobConfig config = reservoir.toConfig(input);
        Path resume = runtime.resumeFrom().orElse(null);
        var out = spec.commandLine().getOut();
        if (runtime.dryRun) {
            out.printf("ok: %s (%s) -> %s; %s; %s%n", input, config.codec().format().cliName(), runtime.out,
                    config.describeModel(), RuntimeOptions.describeResume(resume));
            return 0;
        }
        RuntimeOptions.announceResume(out, resume);
        out.println("Model: " + config.describeModel());
        ReservoirSummary summary = ReservoirRun.run(new ReservoirRun.Request(config, input,
                reservoir.maxRecordBytes(), new ReservoirOutputs(runtime.out), runtime.settings(resume)), out);
        out.println(summary.describe(20));
        out.println("Outputs in " + runtime.out.toAbsolutePath() + " (horizons " + Arrays.toString(config.horizons())
                + ")");
        return 0;
    }
}
