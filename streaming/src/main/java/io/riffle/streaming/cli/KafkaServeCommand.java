package io.riffle.streaming.cli;

import io.riffle.connectors.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code riffle kafka serve}: a real Kafka broker (KRaft, one node) in this process, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run an Apache Kafka broker in this process (KRaft mode, one node as broker and controller),"
                + " from Kafka's own jars: no Docker, no download. Any Kafka client can connect (kcat, Kafka's"
                + " tools, riffle run ctr --source kafka). Ctrl-C stops it; its data stay in --data-dir and a"
                + " restart on the same directory has them back.",
                "Settings of a single-node development cluster: replication factor 1, no time-based retention."})
public final class KafkaServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "9092", paramLabel = "PORT",
            description = "Port of the PLAINTEXT listener on localhost; 0 = any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "riffle-work/kafka", paramLabel = "DIR",
            description = "Log directory, formatted on first use (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        long start = System.nanoTime();
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "riffle-kafka-shutdown"));
        out.printf("Apache Kafka %s (KRaft, in process) listening on %s (started in %.1f s); data in %s%n",
                AppInfoParser.getVersion(), kafka.bootstrapServers(), (System.nanoTime() - start) / 1e9,
                kafka.dataDir());
        out.printf("Try: riffle kafka load --bootstrap-servers %s --topic riffle.ctr.impressions --input FILE%n",
                kafka.bootstrapServers());
        out.printf("     riffle run ctr --source kafka --bootstrap-servers %s --from earliest --out out/%n",
                kafka.bootstrapServers());
        out.println("Ctrl-C stops the broker.");
        out.flush();
        stopped.await();
        return 0;
    }
}
