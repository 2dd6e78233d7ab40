package io.riffle.tests.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.graph.EdgeFormat;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.streaming.graph.GraphFileJob;
import io.riffle.streaming.graph.GraphJobConfig;
import io.riffle.streaming.graph.GraphOutputs;
import io.riffle.streaming.graph.GraphPipeline;
import io.riffle.streaming.runtime.Checkpoints;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.RuntimeSettings;
import io.riffle.tests.FailOnceAfterACheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph job that fails mid-stream restarts from its last checkpoint — node memories in RocksDB, parameters, the
 * sampling streams, the metrics and the interactions waiting for the watermark — and its outputs equal an
 * uninterrupted run's, byte for byte: inside one job (Flink's restart) and across processes (the job dies; run
 * again, it resumes from the retained checkpoint).
 */
class GraphFailureRecoveryITCase {
    private static final int INTERACTIONS = 3000;
    /** Simulated messages are about 4 minutes apart: this paces 3000 of them over about 3 seconds. */
    private static final double PACE = 250_000;

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        FailOnceAfterACheckpoint.reset();
    }

    private Path input() throws Exception {
        Path file = dir.resolve("edges.txt");
        Files.write(file, GraphTestJobs.snapLines(INTERACTIONS, 5));
        return file;
    }

    @Test
    void aJobThatFailsMidStreamRecoversToTheUninterruptedResult() throws Exception {
        Path input = input();
        GraphOutputs reference = new GraphOutputs(dir.resolve("reference"));
        run(input, reference, GraphTestJobs.runtime(dir.resolve("s0"), null, 0),
                GraphTestJobs.config(EdgeFormat.SNAP, 4, 0));

        FailOnceAfterACheckpoint.arm();
        GraphOutputs recovered = new GraphOutputs(dir.resolve("recovered"));
        run(input, recovered, GraphTestJobs.runtime(dir.resolve("s1"), null, 2),
                GraphTestJobs.config(EdgeFormat.SNAP, 4, PACE));

        assertThat(FailOnceAfterACheckpoint.failures()).isEqualTo(1);
        assertSameOutputs(recovered, reference);
    }

    @Test
    void aDeadJobRunAgainResumesFromItsCheckpointToTheUninterruptedResult() throws Exception {
        Path input = input();
        GraphOutputs reference = new GraphOutputs(dir.resolve("reference"));
        run(input, reference, GraphTestJobs.runtime(dir.resolve("s0"), null, 0),
                GraphTestJobs.config(EdgeFormat.SNAP, 1, 0));

        FailOnceAfterACheckpoint.arm();
        GraphOutputs crashed = new GraphOutputs(dir.resolve("crashed"));
        Path state = dir.resolve("s1");
        assertThatThrownBy(() -> run(input, crashed, GraphTestJobs.runtime(state, null, 0),
                GraphTestJobs.config(EdgeFormat.SNAP, 1, PACE))).hasStackTraceContaining("injected failure");
        Path checkpoint = Checkpoints.latest(state.resolve("checkpoints")).orElseThrow();

        run(input, crashed, GraphTestJobs.runtime(state, checkpoint, 0), GraphTestJobs.config(EdgeFormat.SNAP, 1, 0));
        assertSameOutputs(crashed, reference);
    }

    private static void run(Path input, GraphOutputs outputs, RuntimeSettings runtime, GraphJobConfig config)
            throws Exception {
        StreamExecutionEnvironment env = FlinkSetup.environment(runtime);
        env.setParallelism(1);
        DataStream<SourceRecord> records = env
                .fromSource(LineFileSource.of(input, 0, 1 << 20), WatermarkStrategy.noWatermarks(), "read edges")
                .uid("source-edges").setParallelism(1)
                .map(new FailOnceAfterACheckpoint(INTERACTIONS / 2)).uid("fail-once").setParallelism(1);
        GraphFileJob.writeOutputs(GraphPipeline.build(config, records), outputs);
        env.execute("graph recovery test");
        Checkpoints.clear(runtime.checkpointDir());
    }

    private static void assertSameOutputs(GraphOutputs actual, GraphOutputs expected) throws Exception {
        assertThat(Files.readAllLines(actual.predictions())).hasSize(INTERACTIONS);
        assertThat(GraphTestJobs.bytes(actual.predictions())).isEqualTo(GraphTestJobs.bytes(expected.predictions()));
        assertThat(GraphTestJobs.bytes(actual.metrics())).isEqualTo(GraphTestJobs.bytes(expected.metrics()));
        assertThat(GraphTestJobs.bytes(actual.deadLetters())).isEqualTo(GraphTestJobs.bytes(expected.deadLetters()));
        assertThat(GraphTestJobs.bytes(actual.model())).isEqualTo(GraphTestJobs.bytes(expected.model()));
    }
}
