package io.riffle.connectors.kafka;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a job's Kafka outputs go and the exactly-once settings they share.
 *
 * @param bootstrapServers      {@code host:port,…}
 * @param transactionalIdPrefix stable across restarts of the same job (so a restarted job can abort the
 *                              transactions its previous run left open), unique among jobs on the cluster
 * @param transactionTimeout    how long the broker keeps a transaction open: must exceed the checkpoint interval
 *                              plus the time a checkpoint and a recovery take, and be at most the broker's
 *                              {@code transaction.max.timeout.ms}
 * @param clientProperties      extra Kafka client properties (security, timeouts), applied last
 */
public record KafkaOutput(
        String bootstrapServers,
        String transactionalIdPrefix,
        Duration transactionTimeout,
        Map<String, String> clientProperties) implements Serializable {

    public KafkaOutput {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-servers is required for Kafka outputs");
        }
        if (transactionalIdPrefix == null || transactionalIdPrefix.isBlank()) {
            throw new IllegalArgumentException("--transactional-id-prefix must not be empty");
        }
        if (transactionTimeout.isNegative() || transactionTimeout.isZero()
                || transactionTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--transaction-timeout must be > 0 and < 24 days, got "
                    + transactionTimeout);
        }
        clientProperties = clientProperties == null ? Map.of() : new TreeMap<>(clientProperties);
    }
}
