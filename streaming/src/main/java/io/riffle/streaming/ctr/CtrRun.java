package io.riffle.streaming.ctr;

import io.riffle.streaming.runtime.Checkpoints;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a CTR job over recorded files on a local MiniCluster, with a progress line, and writes {@code summary.json}.
 * After a clean finish the retained checkpoints are removed (there is nothing to resume); after a failure they stay,
 * and the same command resumes from the latest.
 */
public final class CtrRun {
    private CtrRun() {}

    /** A run's inputs and where its outputs go. */
    public record Request(CtrJobConfig config, Path input, Path labels, int maxRecordBytes, CtrOutputs outputs,
                          RuntimeSettings runtime) {}

    public static CtrSummary run(Request request, PrintWriter progress) throws Exception {
        StreamExecutionEnvironment env = FlinkSetup.environment(request.runtime());
        env.setParallelism(request.config().parallelism());
        CtrFileJob.build(env, request.config(), request.input(), request.labels(), request.maxRecordBytes(),
                request.outputs());
        long start = System.nanoTime();
        if (progress != null) {
            try (ProgressLine line = new ProgressLine(request.outputs().metrics(), progress)) {
                env.execute("riffle ctr " + request.input().getFileName());
            }
        } else {
            env.execute("riffle ctr " + request.input().getFileName());
        }
        double wall = (System.nanoTime() - start) / 1e9;
        Checkpoints.clear(request.runtime().checkpointDir());
        CtrSummary summary = CtrSummary.read(request.outputs(), wall);
        summary.write(request.outputs().summary());
        return summary;
    }
}
