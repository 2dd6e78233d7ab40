package io.riffle.tests.ctr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.riffle.connectors.source.SourceRecord;
import io.riffle.operators.common.SourceNames;
import io.riffle.streaming.ctr.CtrFileJob;
import io.riffle.streaming.ctr.CtrJobConfig;
import io.riffle.streaming.ctr.CtrOutputs;
import io.riffle.streaming.ctr.CtrPipeline;
import io.riffle.streaming.ctr.CtrRun;
import io.riffle.streaming.runtime.Checkpoints;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.RuntimeSettings;
import io.riffle.streaming.runtime.StateBackendKind;
import io.riffle.tests.FailOnceAfterACheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that fails mid-stream restarts from its last checkpoint, and its final outputs and model equal an
 * uninterrupted run's on the same input: inside one job (Flink's restart) and across processes (the job dies; the
 * same command, run again, resumes from the retained checkpoint). The first runs on the heap backend, the second on
 * RocksDB.
 */
class CtrFailureRecoveryITCase {
    private static final int IMPRESSIONS = 3000;

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        FailOnceAfterACheckpoint.reset();
    }

    @Test
    void aJobOnHeapStateThatFailsMidStreamRecoversToTheUninterruptedResult() throws Exception {
        Path input = CtrTestJobs.clickLog(dir, IMPRESSIONS);
        CtrOutputs reference = new CtrOutputs(dir.resolve("reference"));
        run(input, reference, CtrTestJobs.runtime(dir.resolve("s0"), null, 0), CtrTestJobs.jsonl(0));

        FailOnceAfterACheckpoint.armAfterTheNextCheckpoint();
        CtrOutputs recovered = new CtrOutputs(dir.resolve("recovered"));
        // Paced at 20x event time (impressions 10 ms apart): a few seconds, so checkpoints complete mid-stream.
        run(input, recovered, CtrTestJobs.runtime(dir.resolve("s1"), null, 2)
                .withStateBackend(StateBackendKind.HASHMAP), CtrTestJobs.jsonl(20));

        assertThat(FailOnceAfterACheckpoint.failures()).isEqualTo(1);
        assertSameOutputs(recovered, reference);
    }

    @Test
    void aDeadJobRunAgainResumesFromItsCheckpointToTheUninterruptedResult() throws Exception {
        Path input = CtrTestJobs.clickLog(dir, IMPRESSIONS);
        CtrOutputs reference = new CtrOutputs(dir.resolve("reference"));
        run(input, reference, CtrTestJobs.runtime(dir.resolve("s0"), null, 0), CtrTestJobs.jsonl(0));

        FailOnceAfterACheckpoint.armAfterTheNextCheckpoint();
        CtrOutputs crashed = new CtrOutputs(dir.resolve("crashed"));
        Path state = dir.resolve("s1");
        assertThatThrownBy(() -> run(input, crashed, CtrTestJobs.runtime(state, null, 0), CtrTestJobs.jsonl(20)))
                .hasStackTraceContaining("injected failure");
        Path checkpoint = Checkpoints.latest(state.resolve("checkpoints")).orElseThrow();
        assertThatThrownBy(() -> run(input, crashed, CtrTestJobs.runtime(state, checkpoint, 0)
                .withStateBackend(StateBackendKind.HASHMAP), CtrTestJobs.jsonl(0)))
                .hasMessageContaining("written with --state-backend rocksdb; resume with --state-backend rocksdb");

        run(input, crashed, CtrTestJobs.runtime(state, checkpoint, 0), CtrTestJobs.jsonl(0));
        assertSameOutputs(crashed, reference);
    }

    private static void run(Path input, CtrOutputs outputs, RuntimeSettings runtime, CtrJobConfig config)
            throws Exception {
        StreamExecutionEnvironment env = FlinkSetup.environment(runtime);
        env.setParallelism(1);
        DataStream<SourceRecord> records = env
                .fromSource(io.riffle.connectors.file.LineFileSource.of(input, 0, 1 << 20),
                        WatermarkStrategy.noWatermarks(), "read impressions")
                .uid("source-impressions").setParallelism(1)
                .map(new FailOnceAfterACheckpoint(IMPRESSIONS / 2)).uid("fail-once").setParallelism(1);
        CtrFileJob.writeOutputs(CtrPipeline.build(config, records, null, new SourceNames(List.of(input.toString()))),
                outputs);
        env.execute("recovery test");
        Checkpoints.clear(runtime.checkpointDir());
    }

    private static void assertSameOutputs(CtrOutputs actual, CtrOutputs expected) throws Exception {
        assertThat(CtrTestJobs.bytes(actual.predictions())).isEqualTo(CtrTestJobs.bytes(expected.predictions()));
        assertThat(CtrTestJobs.bytes(actual.metrics())).isEqualTo(CtrTestJobs.bytes(expected.metrics()));
        assertThat(CtrTestJobs.bytes(actual.versions())).isEqualTo(CtrTestJobs.bytes(expected.versions()));
        // Dead letters from several operators interleave in arrival order: the same lines, not the same order.
        assertThat(Files.readAllLines(actual.deadLetters()))
                .containsExactlyInAnyOrderElementsOf(Files.readAllLines(expected.deadLetters()));
        assertThat(CtrTestJobs.bytes(actual.model())).isEqualTo(CtrTestJobs.bytes(expected.model()));
    }
}
