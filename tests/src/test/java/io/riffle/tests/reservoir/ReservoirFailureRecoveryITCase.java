package io.riffle.tests.reservoir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.operators.common.SourceNames;
import io.riffle.streaming.reservoir.ReservoirFileJob;
import io.riffle.streaming.reservoir.ReservoirJobConfig;
import io.riffle.streaming.reservoir.ReservoirOutputs;
import io.riffle.streaming.reservoir.ReservoirPipeline;
import io.riffle.streaming.runtime.Checkpoints;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.RuntimeSettings;
import io.riffle.tests.FailOnceAfterACheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reservoir job that fails mid-stream — with points waiting to be reordered, reports due and dead letters in the
 * input — restarts from its last checkpoint, and its outputs equal an uninterrupted run's, byte for byte: inside one
 * job (Flink's restart) and across processes (the job dies; run again, it resumes from the retained checkpoint).
 */
class ReservoirFailureRecoveryITCase {
    private static final int POINTS = 900;
    private static final AtomicInteger LINES = new AtomicInteger();

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        FailOnceAfterACheckpoint.reset();
    }

    /** Three keys, shuffled within the lateness, with a bad line every 200. */
    private Path input() throws Exception {
        Path ordered = ReservoirTestJobs.series(dir, POINTS);
        List<String> lines = new ArrayList<>(Files.readAllLines(ordered));
        Random r = new Random(5);
        for (int i = 0; i < lines.size(); i += 6) {
            Collections.shuffle(lines.subList(i, Math.min(lines.size(), i + 6)), r);
        }
        for (int i = 200; i < lines.size(); i += 200) {
            lines.add(i, "{\"key\":\"mackey-glass\",\"time\":" + (ReservoirTestJobs.START + i * 333L)
                    + ",\"value\":\"oops\"}");
        }
        Path file = dir.resolve("input.jsonl");
        Files.write(file, lines);
        LINES.set(lines.size());
        return file;
    }

    @Test
    void aJobThatFailsMidStreamRecoversToTheUninterruptedResult() throws Exception {
        Path input = input();
        ReservoirOutputs reference = new ReservoirOutputs(dir.resolve("reference"));
        run(input, reference, ReservoirTestJobs.runtime(dir.resolve("s0"), null, 0), ReservoirTestJobs.config(0));

        FailOnceAfterACheckpoint.arm();
        ReservoirOutputs recovered = new ReservoirOutputs(dir.resolve("recovered"));
        // paced at 300x event time (points 1 s apart): about 3 s, so checkpoints complete mid-stream
        run(input, recovered, ReservoirTestJobs.runtime(dir.resolve("s1"), null, 2), ReservoirTestJobs.config(300));

        assertThat(FailOnceAfterACheckpoint.failures()).isEqualTo(1);
        assertSameOutputs(recovered, reference);
    }

    @Test
    void aDeadJobRunAgainResumesFromItsCheckpointToTheUninterruptedResult() throws Exception {
        Path input = input();
        ReservoirOutputs reference = new ReservoirOutputs(dir.resolve("reference"));
        run(input, reference, ReservoirTestJobs.runtime(dir.resolve("s0"), null, 0), ReservoirTestJobs.config(0));

        FailOnceAfterACheckpoint.arm();
        ReservoirOutputs crashed = new ReservoirOutputs(dir.resolve("crashed"));
        Path state = dir.resolve("s1");
        assertThatThrownBy(() -> run(input, crashed, ReservoirTestJobs.runtime(state, null, 0),
                ReservoirTestJobs.config(300))).hasStackTraceContaining("injected failure");
        Path checkpoint = Checkpoints.latest(state.resolve("checkpoints")).orElseThrow();

        run(input, crashed, ReservoirTestJobs.runtime(state, checkpoint, 0), ReservoirTestJobs.config(0));
        assertSameOutputs(crashed, reference);
    }

    private static void run(Path input, ReservoirOutputs outputs, RuntimeSettings runtime, ReservoirJobConfig config)
            throws Exception {
        StreamExecutionEnvironment env = FlinkSetup.environment(runtime);
        env.setParallelism(1);
        DataStream<SourceRecord> records = env
                .fromSource(LineFileSource.of(input, 0, 1 << 20), WatermarkStrategy.noWatermarks(), "read series")
                .uid("source-series").setParallelism(1)
                .map(new FailOnceAfterACheckpoint(LINES.get() / 2)).uid("fail-once").setParallelism(1);
        ReservoirFileJob.writeOutputs(ReservoirPipeline.build(config, records,
                new SourceNames(List.of(input.toString()))), config.horizons(), outputs);
        env.execute("reservoir recovery test");
        Checkpoints.clear(runtime.checkpointDir());
    }

    private static void assertSameOutputs(ReservoirOutputs actual, ReservoirOutputs expected) throws Exception {
        assertThat(Files.readAllLines(expected.predictions())).hasSize(3 * POINTS);
        assertThat(Files.readAllLines(expected.deadLetters())).hasSize(LINES.get() - 3 * POINTS);
        for (Path[] pair : List.of(new Path[] {actual.predictions(), expected.predictions()},
                new Path[] {actual.metrics(), expected.metrics()},
                new Path[] {actual.versions(), expected.versions()},
                new Path[] {actual.deadLetters(), expected.deadLetters()})) {
            assertThat(ReservoirTestJobs.bytes(pair[0])).as(pair[0].getFileName().toString())
                    .isEqualTo(ReservoirTestJobs.bytes(pair[1]));
        }
    }
}
