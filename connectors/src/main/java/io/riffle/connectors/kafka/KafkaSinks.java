package io.riffle.connectors.kafka;

import io.riffle.connectors.sink.LineEncoder;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;

/** Builds the exactly-once Kafka sinks of Riffle's outputs. */
public final class KafkaSinks {
    private KafkaSinks() {}

    /**
     * An exactly-once sink of JSON lines to {@code topic}: records are written in a Kafka transaction per checkpoint,
     * committed when the checkpoint completes, so a consumer reading with {@code isolation.level=read_committed} sees
     * each record once, across any number of failures and restarts; {@code read_uncommitted} consumers also see the
     * records of aborted transactions. The transactional ids are {@code PREFIX-NAME-…}.
     *
     * @param name the output's name ({@code predictions}, …), part of its transactional ids
     */
    public static <T> KafkaSink<T> exactlyOnce(KafkaOutput output, String topic, String name, LineEncoder<T> encoder,
                                               LineRecordSerializer.KeyOf<T> key) {
        KafkaSinkBuilder<T> builder = KafkaSink.<T>builder()
                .setBootstrapServers(output.bootstrapServers())
                .setRecordSerializer(new LineRecordSerializer<>(topic, encoder, key))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(output.transactionalIdPrefix() + "-" + name)
                .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING)
                .setProperty("transaction.timeout.ms", String.valueOf(output.transactionTimeout().toMillis()))
                // A replay writes many small records as fast as it can: 256 KiB batches (Kafka's default is 16 KiB)
                // take the broker a sixteenth of the requests. Only an upper bound: a live stream's records still
                // leave after linger.ms, so its latency is unchanged.
                .setProperty("batch.size", String.valueOf(256 * 1024));
        output.clientProperties().forEach(builder::setProperty);
        return builder.build();
    }
}
