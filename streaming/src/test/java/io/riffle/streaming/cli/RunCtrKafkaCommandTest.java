package io.riffle.streaming.cli;

import static io.riffle.streaming.cli.RiffleRun.riffle;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCtrKafkaCommandTest {
    @TempDir
    Path dir;

    @Test
    void anUnreachableBrokerFailsAtOnceNamingTheAddressAndTheRetryPolicy() {
        RiffleRun run = riffle("run", "ctr", "--source", "kafka", "--bootstrap-servers", "localhost:1",
                "--kafka-timeout", "1s", "--out", dir.resolve("out").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("cannot reach Kafka at localhost:1").contains("within 1 s (--kafka-timeout")
                .contains("retried every 1 s").contains("--restart-attempts");
    }

    @Test
    void aTransactionTimeoutShorterThanTwoCheckpointIntervalsIsRefusedBeforeConnecting() {
        RiffleRun run = riffle("run", "ctr", "--source", "kafka", "--bootstrap-servers", "localhost:1",
                "--checkpoint-interval", "10s", "--transaction-timeout", "15s", "--out", dir.resolve("o").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--transaction-timeout 15 s is too short for --checkpoint-interval 10 s");
    }

    @Test
    void aBoundedRunResumesFromItsCheckpointLikeALiveOneAndFreshStartsOver() throws Exception {
        Path out = dir.resolve("out");
        Path checkpoint = Files.createDirectories(out.resolve("state/checkpoints/a-job/chk-3"));
        Files.writeString(checkpoint.resolve("_metadata"), "");

        RiffleRun bounded = kafkaDryRun(out, "--until", "end");
        assertThat(bounded.exit()).as(bounded.err()).isZero();
        assertThat(bounded.out()).contains("would resume from " + checkpoint);
        RiffleRun fresh = kafkaDryRun(out, "--until", "end", "--fresh");
        assertThat(fresh.exit()).isZero();
        assertThat(fresh.out()).contains("fresh start");
        RiffleRun live = kafkaDryRun(out, "--until", "never");
        assertThat(live.exit()).isZero();
        assertThat(live.out()).contains("would resume from " + checkpoint);
    }

    private static RiffleRun kafkaDryRun(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "ctr", "--source", "kafka", "--bootstrap-servers",
                "localhost:1", "--out", out.toString(), "--dry-run"));
        args.addAll(List.of(more));
        return riffle(args.toArray(String[]::new));
    }

    @Test
    void withoutKafkaAFileInputIsRequiredAndKafkaNeedsAnAddress() {
        assertThat(riffle("run", "ctr", "--out", dir.toString()).err()).contains("--input");
        assertThat(riffle("run", "ctr", "--source", "kafka", "--out", dir.toString()).err())
                .contains("--bootstrap-servers");
        assertThat(riffle("run", "ctr", "--source", "kafka", "--bootstrap-servers", "h:1", "--from", "someday",
                "--out", dir.toString()).err()).contains("--from 'someday'");
    }

    @Test
    void ratesParse() {
        assertThat(KafkaLoadCommand.parseRate("5000/s")).isEqualTo(5000);
        assertThat(KafkaLoadCommand.parseRate("5k/s")).isEqualTo(5000);
        assertThat(KafkaLoadCommand.parseRate("250")).isEqualTo(250);
        assertThat(KafkaLoadCommand.parseRate(null)).isZero();
    }
}
