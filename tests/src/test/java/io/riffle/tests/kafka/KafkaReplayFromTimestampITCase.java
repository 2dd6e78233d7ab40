package io.riffle.tests.kafka;

import static io.riffle.tests.kafka.KafkaTestSupport.clicks;
import static io.riffle.tests.kafka.KafkaTestSupport.committedValues;
import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.kafka.EmbeddedKafka;
import io.riffle.connectors.kafka.HistoryLoader;
import io.riffle.connectors.kafka.KafkaStart;
import io.riffle.connectors.kafka.KafkaStop;
import io.riffle.operators.ctr.ScoringMode;
import io.riffle.streaming.ctr.CtrJobConfig;
import io.riffle.streaming.ctr.CtrKafkaRun;
import io.riffle.streaming.ctr.CtrKafkaSettings;
import io.riffle.streaming.ctr.CtrOutputs;
import io.riffle.streaming.ctr.CtrRun;
import io.riffle.streaming.ctr.CtrSummary;
import io.riffle.streaming.runtime.RuntimeSettings;
import io.riffle.tests.kafka.KafkaTestSupport.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history loaded into Kafka and replayed from a point in time scores exactly as the file replay of the same events
 * (event-time scoring): same predictions (id, time, score, model version), same metrics. The topics have several
 * partitions, so the Kafka side also exercises per-partition watermarks: no record of a lagging partition may be
 * dropped as late because another partition is ahead.
 *
 * <p>Both replays end with an end marker: a label event an hour after the last event, in every partition. A bounded
 * replay's last attribution windows close only when event time passes them, and the last watermark before the end of
 * input differs between one file (the newest time of all records) and partitioned topics (the least of the
 * partitions' newest times): without the marker the last second's examples would legitimately differ.
 */
class KafkaReplayFromTimestampITCase {
    @TempDir
    Path dir;

    @Test
    void replayingFromATimestampScoresLikeTheFileReplayOfTheSameEvents() throws Exception {
        List<Event> events = clicks(1500, 11);
        long from = KafkaTestSupport.T0 + 10L * 500 + 3;
        Path history = dir.resolve("history.jsonl");
        Files.write(history, events.stream().map(Event::json).toList());
        long end = events.get(events.size() - 1).time() + 3_600_000;
        String marker = "{\"id\":\"end\",\"time\":" + end + ",\"label\":0}";
        Path tail = dir.resolve("from.jsonl");
        List<String> tailLines = new java.util.ArrayList<>(events.stream().filter(e -> e.time() >= from)
                .map(Event::json).toList());
        tailLines.add(marker);
        Files.write(tail, tailLines);
        CtrJobConfig config = KafkaTestSupport.config(ScoringMode.EVENT_TIME);

        CtrOutputs fileOut = new CtrOutputs(dir.resolve("file-out"));
        CtrRun.run(new CtrRun.Request(config, tail, null, LineFileSource.DEFAULT_MAX_RECORD_BYTES, fileOut,
                new RuntimeSettings(dir.resolve("file-state"), Duration.ofSeconds(1), null, 0)), null);

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            String bootstrap = kafka.bootstrapServers();
            HistoryLoader.Result loaded = HistoryLoader.load(new HistoryLoader.Request(bootstrap, Map.of(),
                    "replay.impressions", "replay.labels", history, CtrCodecSpec.of(CtrFormat.JSONL), 0, 3,
                    LineFileSource.DEFAULT_MAX_RECORD_BYTES, Duration.ofSeconds(30)), null);
            assertThat(loaded.records()).isEqualTo(events.size());
            try (var producer = KafkaTestSupport.producer(bootstrap)) {
                for (String topic : List.of("replay.impressions", "replay.labels")) {
                    for (int p = 0; p < 3; p++) {
                        KafkaTestSupport.send(producer, topic, p, end, "end",
                                marker.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }

            CtrKafkaSettings settings = KafkaTestSupport.settings(
                    KafkaTestSupport.input(bootstrap, "replay.impressions", 0, KafkaStart.at(from), KafkaStop.END),
                    KafkaTestSupport.input(bootstrap, "replay.labels", 1, KafkaStart.at(from), KafkaStop.END),
                    "replay");
            CtrOutputs kafkaOut = new CtrOutputs(dir.resolve("kafka-out"));
            CtrSummary summary = CtrKafkaRun.run(new CtrKafkaRun.Request(config, settings, kafkaOut,
                    new RuntimeSettings(dir.resolve("kafka-state"), Duration.ofSeconds(1), null, 0)), null);

            List<String> filePredictions = Files.readAllLines(fileOut.predictions());
            List<String> kafkaPredictions = committedValues(bootstrap, "replay.predictions");
            assertThat(filePredictions).hasSize(1500 - 501);
            assertThat(kafkaPredictions).containsExactlyInAnyOrderElementsOf(filePredictions);
            assertThat(summary.predictions()).isEqualTo(filePredictions.size());
            assertThat(Files.readAllLines(kafkaOut.metrics())).isNotEmpty()
                    .containsExactlyElementsOf(Files.readAllLines(fileOut.metrics()));
            assertThat(committedValues(bootstrap, "replay.metrics"))
                    .containsExactlyElementsOf(Files.readAllLines(fileOut.metrics()));
        }
    }
}
