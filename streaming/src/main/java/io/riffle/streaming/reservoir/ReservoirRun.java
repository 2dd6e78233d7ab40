package io.riffle.streaming.reservoir;

import com.fasterxml.jackson.databind.JsonNode;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.LocalRun;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a reservoir job over a recorded file on a local MiniCluster, with a progress line, and writes
 * {@code summary.json}. After a clean finish the retained checkpoints are removed; after a failure they stay, and
 * the same command resumes from the latest.
 */
public final class ReservoirRun {
    private ReservoirRun() {}

    /** A run's input and where its outputs go. */
    public record Request(ReservoirJobConfig config, Path input, int maxRecordBytes, ReservoirOutputs outputs,
                          RuntimeSettings runtime) {}

    public static ReservoirSummary run(Request request, PrintWriter progress) throws Exception {
        Configuration conf = FlinkSetup.configuration(request.runtime());
        // The file sinks commit nothing on checkpoints (they truncate to the checkpointed length on restore), so a
        // finished replay need not wait up to a checkpoint interval for a final checkpoint before it ends.
        conf.set(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(request.config().parallelism());
        ReservoirFileJob.build(env, request.config(), request.input(), request.maxRecordBytes(), request.outputs());
        double wall = LocalRun.execute(env, "riffle reservoir " + request.input().getFileName(), request.runtime(),
                new LocalRun.Progress(progress, request.outputs().metrics(), "points", ReservoirRun::progress));
        ReservoirSummary summary = ReservoirSummary.read(request.config(), request.outputs(), wall);
        summary.write(request.outputs().summary());
        return summary;
    }

    /** Points learned, their rate, the pooled NRMSE against persistence's, and the keys. */
    static String progress(JsonNode m, long points, double rate, double elapsed) {
        return String.format("[%4.0fs] %,12d points  %,9.0f/s  NRMSE %s (persistence %s)  keys %,d",
                elapsed, points, rate, number(m.path("nrmse")), number(m.path("persistenceNrmse")),
                m.path("liveKeys").asLong());
    }

    static String number(JsonNode v) {
        return v.isNumber() ? String.format("%.4f", v.asDouble()) : "n/a";
    }
}
