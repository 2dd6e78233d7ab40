package io.riffle.connectors.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker in this JVM: one node in KRaft mode, broker and controller at once, started from Kafka's
 * own artifacts ({@code kafka_2.13}). It backs {@code riffle demo ctr}, {@code riffle kafka serve} and the tests, so
 * nothing outside Java is needed for a first try.
 *
 * <p>Its log directory is formatted on first start, the way {@code kafka-storage format} does, and reused after: a
 * broker restarted on the same directory has its topics, committed offsets and open transactions back. Settings are
 * those of a single-node development cluster: replication factor 1 everywhere, one partition for the internal topics,
 * no group rebalance delay, and no time-based retention (recorded histories carry old timestamps and would otherwise
 * be deleted as soon as a segment rolls).
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final int NODE_ID = 1;

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Formats {@code dataDir} if it is new and starts a broker that listens on {@code localhost:port}.
     *
     * @param port 0 for any free port
     * @throws IllegalStateException if the broker cannot start (port taken, directory of another cluster)
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be in [0, 65535], got " + port);
        }
        int brokerPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        while (controllerPort == brokerPort) {
            controllerPort = freePort();
        }
        EmbeddedKafka kafka = new EmbeddedKafka(dataDir, brokerPort, controllerPort);
        kafka.startServer();
        return kafka;
    }

    /** {@code localhost:PORT}, for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker and keeps its data: {@link #restart()} brings it back on the same port. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts a stopped broker again, on the same port and data. */
    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    public synchronized boolean running() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startServer() {
        Path logDir = dataDir.resolve("kraft-logs");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data directory " + logDir, e);
        }
        Properties props = properties(logDir);
        KafkaConfig config = new KafkaConfig(props, false);
        try {
            format(logDir, props);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka data directory " + logDir + ": "
                    + e.getMessage(), e);
        }
        KafkaRaftServer raft = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            raft.startup();
        } catch (RuntimeException e) {
            try {
                raft.shutdown();
            } catch (RuntimeException ignored) {
                // Starting failed; the cause below says why.
            }
            throw new IllegalStateException("the in-process Kafka broker could not start on port " + port + " with"
                    + " data in " + dataDir + ": " + e.getMessage(), e);
        }
        server = raft;
    }

    private Properties properties(Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // One broker sharing a small machine with the jobs it serves: Kafka's defaults (3 network and 8 request
        // threads, sized for a dedicated server) only add context switches there.
        p.put("num.network.threads", "1");
        p.put("num.io.threads", "2");
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.retention.ms", "-1");
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        p.put("auto.create.topics.enable", "true");
        return p;
    }

    /** {@code kafka-storage format -t ID -c server.properties -g}, in process. */
    private void format(Path logDir, Properties props) throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Path config = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "the in-process broker's settings (written by Riffle for kafka-storage format)");
        }
        int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                config.toString(), "-g"}, new PrintStream(OutputStream.nullOutputStream()));
        if (rc != 0) {
            throw new IOException("kafka-storage format exited with " + rc);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }
}
