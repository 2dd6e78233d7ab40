package io.riffle.streaming.kafka;

import io.riffle.connectors.kafka.KafkaOutput;
import io.riffle.connectors.kafka.KafkaSinks;
import io.riffle.connectors.kafka.LineRecordSerializer;
import io.riffle.connectors.sink.JsonLines;
import io.riffle.connectors.sink.JsonLinesFileSink;
import io.riffle.connectors.sink.LineEncoder;
import io.riffle.models.event.DeadLetter;
import java.nio.file.Path;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The sinks every family's Kafka job has, under the uids and names its savepoints know them by: a stream to its topic
 * exactly once ({@code kafka-sink-NAME}), and metrics and dead letters to their topics and to local files too
 * ({@code sink-metrics}, {@code sink-dead-letters}).
 */
public final class KafkaJobSinks {
    private KafkaJobSinks() {}

    /**
     * {@code stream} to {@code topic}, exactly once, as the sink {@code kafka-sink-NAME}.
     *
     * @param key the record key of each value, or null for none
     */
    public static <T> void toTopic(DataStream<T> stream, KafkaOutput out, String topic, String name,
                                   LineEncoder<T> encoder, LineRecordSerializer.KeyOf<T> key, int parallelism) {
        stream.sinkTo(KafkaSinks.exactlyOnce(out, topic, name, encoder, key))
                .uid("kafka-sink-" + name).name("kafka " + topic).setParallelism(parallelism);
    }

    /** Metrics to their topic, every line keyed {@code key}, and to {@code file}, flushed each line (progress). */
    public static <T> void metrics(DataStream<T> metrics, KafkaOutput out, String topic, LineEncoder<T> encoder,
                                   String key, Path file) {
        toTopic(metrics, out, topic, "metrics", encoder, m -> key, 1);
        metrics.sinkTo(new JsonLinesFileSink<>(file, encoder, true))
                .uid("sink-metrics").name("metrics.jsonl").setParallelism(1);
    }

    /**
     * {@code stream}, from operators at the job's parallelism, ready for sinks at parallelism 1: through an explicit
     * rebalance. Left to Flink, that edge is a rebalance at parallelism 2 and a forward, chained edge at 1, and Flink
     * cannot restore an unaligned checkpoint's in-flight records across that change: a job scaled down from its
     * checkpoint would not start.
     */
    public static <T> DataStream<T> towardSingleSinks(DataStream<T> stream) {
        return stream.rebalance();
    }

    /** Dead letters, from operators at the job's parallelism, to their topic, without keys, and to {@code file}. */
    public static void deadLetters(DataStream<DeadLetter> deadLetters, KafkaOutput out, String topic, Path file) {
        DataStream<DeadLetter> toOne = towardSingleSinks(deadLetters);
        toTopic(toOne, out, topic, "dead-letters", JsonLines.deadLetters(), null, 1);
        toOne.sinkTo(new JsonLinesFileSink<>(file, JsonLines.deadLetters(), false))
                .uid("sink-dead-letters").name("dead-letters.jsonl").setParallelism(1);
    }
}
