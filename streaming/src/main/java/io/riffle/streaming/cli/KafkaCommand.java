package io.riffle.streaming.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code riffle kafka …}: a Kafka broker in process, and loading recorded histories into topics. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = "Apache Kafka without setup: run a broker in this process, produce recorded histories.",
        subcommands = {KafkaServeCommand.class, KafkaLoadCommand.class})
public final class KafkaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
