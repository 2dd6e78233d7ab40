package io.riffle.connectors.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The admin questions a job asks a Kafka cluster before it starts, so that a wrong address, a missing topic or an
 * exactly-once setting the broker would refuse fails at once with a message, not minutes later inside Flink.
 */
public final class KafkaCluster implements AutoCloseable {
    /** Client back-off between reconnection attempts, named in the unreachable-broker message. */
    public static final Duration RECONNECT_BACKOFF = Duration.ofSeconds(1);
    public static final Duration RECONNECT_BACKOFF_MAX = Duration.ofSeconds(10);

    private final Admin admin;
    private final String bootstrapServers;
    private final Duration timeout;
    private final List<Node> nodes;

    private KafkaCluster(Admin admin, String bootstrapServers, Duration timeout, List<Node> nodes) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.nodes = nodes;
    }

    /**
     * Connects and waits up to {@code timeout} for the cluster to answer.
     *
     * @throws KafkaUnreachableException naming the address, the wait and the retry policy
     */
    public static KafkaCluster connect(String bootstrapServers, Map<String, String> clientProperties,
                                       Duration timeout) {
        Properties props = clientProperties(bootstrapServers, clientProperties, timeout);
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) {
            throw new KafkaUnreachableException("cannot use Kafka at " + bootstrapServers + ": "
                    + rootMessage(e) + " (check --bootstrap-servers)", e);
        }
        try {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions()
                            .timeoutMs((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())))
                    .nodes().get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            return new KafkaCluster(admin, bootstrapServers, timeout, new ArrayList<>(nodes));
        } catch (ExecutionException | TimeoutException e) {
            admin.close(Duration.ZERO);
            throw new KafkaUnreachableException("cannot reach Kafka at " + bootstrapServers + ": no broker answered"
                    + " within " + describe(timeout) + " (--kafka-timeout; connections were retried every "
                    + describe(RECONNECT_BACKOFF) + ", backing off to " + describe(RECONNECT_BACKOFF_MAX) + "). Check"
                    + " --bootstrap-servers and that the cluster is running (riffle kafka serve starts one here)."
                    + " Once a job runs, a broken connection is retried the same way and a failed job restarts"
                    + " from its last checkpoint (--restart-attempts).", e);
        } catch (InterruptedException e) {
            admin.close(Duration.ZERO);
            Thread.currentThread().interrupt();
            throw new KafkaUnreachableException("interrupted while connecting to Kafka at " + bootstrapServers, e);
        }
    }

    /** Client properties for every Riffle client of this cluster: address, timeouts, back-off, then the user's. */
    public static Properties clientProperties(String bootstrapServers, Map<String, String> extra, Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(ms));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(ms, 30_000)));
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, String.valueOf(RECONNECT_BACKOFF.toMillis()));
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                String.valueOf(RECONNECT_BACKOFF_MAX.toMillis()));
        if (extra != null) {
            props.putAll(extra);
        }
        return props;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public int brokers() {
        return nodes.size();
    }

    /** The broker's {@code transaction.max.timeout.ms}, or empty when it may not be read (ACLs). */
    public OptionalLong maxTransactionTimeoutMillis() {
        if (nodes.isEmpty()) {
            return OptionalLong.empty();
        }
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(nodes.get(0).id()));
        try {
            Config config = admin.describeConfigs(List.of(broker)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(broker);
            ConfigEntry entry = config == null ? null : config.get("transaction.max.timeout.ms");
            return entry == null || entry.value() == null ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(entry.value()));
        } catch (ExecutionException | TimeoutException | NumberFormatException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** Partition counts of the topics that exist, by name; missing topics are absent. */
    public Map<String, Integer> partitions(Collection<String> topics) {
        Map<String, Integer> out = new TreeMap<>();
        for (String topic : topics) {
            try {
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
                out.put(topic, d.partitions().size());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe topic " + topic + " on " + bootstrapServers
                            + ": " + rootMessage(e), e);
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka at " + bootstrapServers + " did not describe topic " + topic
                        + " within " + describe(timeout), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return out;
    }

    /**
     * Creates the topics that do not exist yet, with the broker's default replication factor.
     *
     * @param partitions partitions per topic
     * @param configs    topic configs for the new topics (e.g. {@code retention.ms=-1})
     * @return the topics created
     */
    public List<String> createMissing(Map<String, Integer> partitions, Map<String, String> configs) {
        Map<String, Integer> existing = partitions(partitions.keySet());
        List<NewTopic> create = new ArrayList<>();
        partitions.forEach((topic, n) -> {
            if (!existing.containsKey(topic)) {
                create.add(new NewTopic(topic, java.util.Optional.of(n), java.util.Optional.empty())
                        .configs(new HashMap<>(configs)));
            }
        });
        List<String> created = new ArrayList<>();
        for (NewTopic topic : create) {
            try {
                admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + topic.name() + " on " + bootstrapServers
                            + ": " + rootMessage(e), e);
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka at " + bootstrapServers + " did not create topic "
                        + topic.name() + " within " + describe(timeout), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        awaitVisible(created);
        return created;
    }

    /** Waits until the broker's metadata shows {@code topics}: creation is acknowledged before it propagates. */
    private void awaitVisible(List<String> topics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!topics.isEmpty() && partitions(topics).size() < topics.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " were created on " + bootstrapServers
                        + " but did not appear within " + describe(timeout));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** The end offsets a read_committed consumer sees (the last stable offsets), per partition. */
    public Map<TopicPartition, Long> committedEndOffsets(String topic) {
        Integer n = partitions(List.of(topic)).get(topic);
        if (n == null) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < n; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        try {
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the offsets of " + topic + " on " + bootstrapServers + ": "
                    + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public static String describe(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms > 0) {
            return (ms / 60_000) + " min";
        }
        if (ms % 1000 == 0) {
            return (ms / 1000) + " s";
        }
        return ms + " ms";
    }
}
