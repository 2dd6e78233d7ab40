package io.riffle.streaming.cli;

import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.connectors.kafka.EmbeddedKafka;
import io.riffle.connectors.kafka.TopicReader;
import io.riffle.connectors.kafka.EventTimeSource;
import io.riffle.connectors.kafka.HistoryLoader;
import io.riffle.connectors.kafka.KafkaInput;
import io.riffle.connectors.kafka.KafkaOutput;
import io.riffle.connectors.kafka.KafkaStart;
import io.riffle.connectors.kafka.KafkaStop;
import io.riffle.connectors.file.LineFileSource;
import io.riffle.streaming.ctr.CtrJobConfig;
import io.riffle.streaming.ctr.CtrKafkaRun;
import io.riffle.streaming.ctr.CtrKafkaSettings;
import io.riffle.streaming.ctr.CtrOutputs;
import io.riffle.streaming.ctr.CtrSummary;
import io.riffle.streaming.ctr.ServedScores;
import io.riffle.streaming.ctr.CtrTopics;
import io.riffle.streaming.runtime.Checkpoints;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * {@code riffle demo ctr} through Kafka: a broker in this process, the click log produced into two topics
 * (impressions, labels; 4 partitions each, key = event id, timestamp = event time), the job reading them from the
 * earliest offsets to the end and writing predictions, metrics, dead letters and model versions to topics exactly
 * once. Scoring is in event time, as for the file replay, so the summary equals the file demo's; the predictions are
 * counted back from their topic as a read_committed consumer sees them.
 */
final class KafkaCtrDemo {
    static final int PARTITIONS = 4;

    private KafkaCtrDemo() {}

    static CtrSummary run(CtrJobConfig config, Path data, Path workDir, CtrOutputs outputs, RuntimeSettings runtime,
                          PrintWriter out, ServedScores served) throws Exception {
        Path kafkaDir = workDir.resolve("kafka");
        Checkpoints.clear(kafkaDir);
        Files.deleteIfExists(outputs.predictions());
        long start = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(kafkaDir, 0)) {
            String bootstrap = kafka.bootstrapServers();
            out.printf("Apache Kafka %s broker started in this process (KRaft) on %s in %.1f s%n",
                    AppInfoParser.getVersion(), bootstrap, (System.nanoTime() - start) / 1e9);
            out.flush();
            HistoryLoader.Result loaded = HistoryLoader.load(new HistoryLoader.Request(bootstrap, Map.of(),
                    CtrTopics.IMPRESSIONS, CtrTopics.LABELS, data, CtrCodecSpec.of(CtrFormat.JSONL), 0, PARTITIONS,
                    LineFileSource.DEFAULT_MAX_RECORD_BYTES, Duration.ofSeconds(30)), null);
            out.printf("Produced %,d impressions to %s and %,d labels to %s (%d partitions each; key = event id,"
                            + " timestamp = event time) in %.1f s%n", loaded.count("impression"), CtrTopics.IMPRESSIONS,
                    loaded.count("label"), CtrTopics.LABELS, PARTITIONS, loaded.seconds());
            String group = "riffle-demo-" + config.model();
            KafkaInput impressions = new KafkaInput(bootstrap, List.of(CtrTopics.IMPRESSIONS), 0, group,
                    KafkaStart.EARLIEST, KafkaStop.END, EventTimeSource.FIELD, CtrCodecSpec.DEFAULT_TIME_FIELD,
                    LineFileSource.DEFAULT_MAX_RECORD_BYTES, Map.of());
            KafkaInput labels = new KafkaInput(bootstrap, List.of(CtrTopics.LABELS), 1, group, KafkaStart.EARLIEST,
                    KafkaStop.END, EventTimeSource.FIELD, CtrCodecSpec.DEFAULT_TIME_FIELD,
                    LineFileSource.DEFAULT_MAX_RECORD_BYTES, Map.of());
            CtrKafkaSettings settings = new CtrKafkaSettings(impressions, labels, CtrTopics.defaults(),
                    new KafkaOutput(bootstrap, group, Duration.ofMinutes(5), Map.of()), Duration.ofSeconds(10),
                    Duration.ofSeconds(30));
            CtrSummary summary = CtrKafkaRun.run(new CtrKafkaRun.Request(config, settings, outputs, runtime), out);
            out.printf("Predictions: %,d in topic %s, read back as a read_committed consumer sees them%n",
                    summary.predictions(), CtrTopics.PREDICTIONS);
            TopicReader.readCommitted(bootstrap, Map.of(), CtrTopics.PREDICTIONS, null, Duration.ofSeconds(60),
                    record -> served.accept(new String(record.value(), StandardCharsets.UTF_8)));
            out.println("The broker stops with the demo. To keep one: riffle kafka serve --port 9092; then riffle kafka"
                    + " load and riffle run ctr --source kafka (README, \"Kafka\").");
            return summary;
        }
    }
}
