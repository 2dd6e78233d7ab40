package io.riffle.tests.kafka;

import static io.riffle.tests.kafka.KafkaTestSupport.clicks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.riffle.connectors.kafka.EmbeddedKafka;
import io.riffle.connectors.kafka.KafkaStart;
import io.riffle.connectors.kafka.KafkaStop;
import io.riffle.operators.ctr.ScoringMode;
import io.riffle.streaming.ctr.CtrKafkaRun;
import io.riffle.streaming.ctr.CtrKafkaSettings;
import io.riffle.streaming.ctr.CtrOutputs;
import io.riffle.streaming.runtime.RuntimeSettings;
import io.riffle.tests.kafka.KafkaTestSupport.Event;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real external client talks to the in-process broker: kcat (librdkafka, not the Java client) produces the input
 * topics and consumes the predictions with {@code isolation.level=read_committed}. Skipped where kcat is not installed
 * ({@code .ci/run} installs it).
 */
class KcatITCase {
    private static final int IMPRESSIONS = 500;

    @TempDir
    Path dir;

    @Test
    void kcatProducesTheInputAndConsumesEachPredictionOnce() throws Exception {
        assumeTrue(kcatInstalled(), "kcat is not installed (apt-get install kcat)");
        List<Event> events = clicks(IMPRESSIONS, 3);
        List<String> ids = events.stream().filter(Event::impression).map(Event::id).toList();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            String bootstrap = kafka.bootstrapServers();
            KafkaTestSupport.createTopics(bootstrap, Map.of("kcat.impressions", 2, "kcat.labels", 1));
            kcat(List.of("-P", "-b", bootstrap, "-t", "kcat.impressions", "-K", "\t"),
                    events.stream().filter(Event::impression).map(e -> e.id() + "\t" + e.json()).toList());
            kcat(List.of("-P", "-b", bootstrap, "-t", "kcat.labels", "-K", "\t"),
                    events.stream().filter(e -> !e.impression()).map(e -> e.id() + "\t" + e.json()).toList());

            CtrKafkaSettings settings = KafkaTestSupport.settings(
                    KafkaTestSupport.input(bootstrap, "kcat.impressions", 0, KafkaStart.EARLIEST, KafkaStop.END),
                    KafkaTestSupport.input(bootstrap, "kcat.labels", 1, KafkaStart.EARLIEST, KafkaStop.END),
                    "kcat");
            CtrKafkaRun.run(new CtrKafkaRun.Request(KafkaTestSupport.config(ScoringMode.EVENT_TIME), settings,
                    new CtrOutputs(dir.resolve("out")), new RuntimeSettings(dir.resolve("state"),
                    Duration.ofSeconds(1), null, 0)), null);

            List<String> consumed = kcat(List.of("-C", "-b", bootstrap, "-t", "kcat.predictions", "-o", "beginning",
                    "-e", "-q", "-X", "isolation.level=read_committed", "-f", "%k\\t%s\\n"), List.of());
            List<String> keys = new ArrayList<>();
            for (String line : consumed) {
                String[] kv = line.split("\t", 2);
                keys.add(kv[0]);
                assertThat(kv[1]).startsWith("{\"id\":\"" + kv[0] + "\",\"time\":").contains("\"score\":");
            }
            assertThat(keys).hasSize(IMPRESSIONS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    private static boolean kcatInstalled() {
        try {
            Process p = new ProcessBuilder("kcat", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs kcat with {@code input} lines on stdin; returns its stdout lines. */
    private List<String> kcat(List<String> args, List<String> input) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("kcat");
        command.addAll(args);
        Path err = Files.createTempFile(dir, "kcat", ".err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        try (OutputStream stdin = p.getOutputStream()) {
            for (String line : input) {
                stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("kcat %s finished", args).isTrue();
        assertThat(p.exitValue()).as("kcat %s: %s", args, Files.readString(err)).isZero();
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
}
