package io.riffle.tests.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.riffle.streaming.cli.Riffle;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --cluster}: how the manifests' jobs run under the operator. The cluster's Flink configuration (the bucket,
 * the savepoint to restore, restarts) must not be overridden by the local defaults a laptop run uses, and main()
 * must not end the JobManager's JVM.
 */
class K8sClusterModeTest {
    private record Run(int code, String out, String err) {}

    private static Run riffle(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Riffle.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return new Run(cmd.execute(args), out.toString(), err.toString());
    }

    private static Path input(Path dir) throws Exception {
        Path input = dir.resolve("clicks.jsonl");
        Files.writeString(input, """
                {"id":"a","time":1000,"features":{"site":"x"},"label":0}
                {"id":"b","time":2000,"features":{"site":"y"},"label":1}
                {"id":"c","time":3000,"features":{"site":"x"},"label":0}
                """);
        return input;
    }

    @Test
    void aClusterRunLeavesStateAndRestoresToTheClustersConfiguration() {
        Configuration cluster = FlinkSetup.configuration(RuntimeSettings.cluster(Duration.ofSeconds(30)));
        assertThat(cluster.toMap()).doesNotContainKeys("state.backend.type", "execution.checkpointing.dir",
                "execution.checkpointing.storage", "execution.checkpointing.externalized-checkpoint-retention",
                "execution.checkpointing.num-retained", "execution.checkpointing.incremental",
                "state.backend.rocksdb.localdir", "execution.state-recovery.path", "restart-strategy.type")
                .containsEntry("execution.checkpointing.interval", "30 s")
                .containsEntry("pipeline.generic-types", "false")
                .containsEntry("pipeline.auto-generate-uids", "false")
                .containsEntry("pipeline.object-reuse", "true");
        Configuration local = FlinkSetup.configuration(new RuntimeSettings(Path.of("/tmp/riffle-state"),
                Duration.ofSeconds(10), null, 3));
        assertThat(local.toMap()).containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.dir", "file:///tmp/riffle-state/checkpoints")
                .containsKey("restart-strategy.type");
        assertThatThrownBy(() -> RuntimeSettings.cluster(Duration.ofSeconds(30)).checkpointDir())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void dryRunSaysTheClusterKeepsTheState(@TempDir Path dir) throws Exception {
        Run run = riffle("run", "ctr", "--cluster", "--input", input(dir).toString(), "--out",
                dir.resolve("out").toString(), "--checkpoint-interval", "30s", "--dry-run");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("ok: ").contains("in a cluster");
    }

    @Test
    void optionsOfLocalRunsAreRefusedWithCluster(@TempDir Path dir) throws Exception {
        String in = input(dir).toString();
        String out = dir.resolve("out").toString();
        Run stateDir = riffle("run", "ctr", "--cluster", "--input", in, "--out", out, "--state-dir", "s3://b/x",
                "--dry-run");
        assertThat(stateDir.code()).isEqualTo(2);
        assertThat(stateDir.err()).contains("--state-dir does not apply with --cluster")
                .contains("execution.checkpointing.dir");
        Run two = riffle("run", "ctr", "--cluster", "--input", in, "--out", out, "--fresh", "--restart-attempts",
                "5", "--dry-run");
        assertThat(two.code()).isEqualTo(2);
        assertThat(two.err()).contains("--fresh, --restart-attempts do not apply with --cluster");
        Run backend = riffle("run", "ctr", "--cluster", "--input", in, "--out", out, "--state-backend", "hashmap",
                "--dry-run");
        assertThat(backend.code()).isEqualTo(2);
        assertThat(backend.err()).contains("--state-backend does not apply with --cluster")
                .contains("state.backend.type");
        // Without --cluster they are fine; an unknown backend is named.
        assertThat(riffle("run", "ctr", "--input", in, "--out", out, "--fresh", "--restart-attempts", "5",
                "--state-backend", "hashmap", "--dry-run").code()).isZero();
        assertThat(riffle("run", "ctr", "--input", in, "--out", out, "--state-backend", "heap", "--dry-run").err())
                .contains("unknown state backend 'heap'; use rocksdb or hashmap");
    }

    @Test
    void aClusterRunSubmitsAndWritesNothingLocalBesidesTheJobsOutputs(@TempDir Path dir) throws Exception {
        // Outside a cluster the "cluster" is a local MiniCluster: the job runs with the environment's defaults.
        Path out = dir.resolve("out");
        Run run = riffle("run", "ctr", "--cluster", "--input", input(dir).toString(), "--out", out.toString(),
                "--checkpoint-interval", "200ms");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Submitted job ");
        assertThat(out.resolve("predictions.jsonl")).exists();
        assertThat(Files.readAllLines(out.resolve("predictions.jsonl"))).hasSize(3);
        assertThat(out.resolve("state")).as("no local state directory").doesNotExist();
        assertThat(out.resolve("summary.json")).as("no local summary").doesNotExist();
    }

    @Test
    void mainReturnsInsteadOfExitingTheJobManagersJvm(@TempDir Path dir) throws Exception {
        // Were main() to call System.exit here, the test JVM would end and the build would fail.
        Riffle.main(new String[] {"run", "ctr", "--cluster", "--input", input(dir).toString(), "--out",
                dir.resolve("out").toString(), "--dry-run"});
        assertThatThrownBy(() -> Riffle.main(new String[] {"run", "ctr", "--cluster", "--input",
                dir.resolve("missing.jsonl").toString(), "--out", dir.resolve("out").toString(), "--dry-run"}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exit code 2");
    }
}
