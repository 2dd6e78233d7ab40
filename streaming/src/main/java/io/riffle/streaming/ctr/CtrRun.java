package io.riffle.streaming.ctr;

import com.fasterxml.jackson.databind.JsonNode;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.LocalRun;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.apache.flink.api.common.JobExecutionResult;
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
        if (request.runtime().cluster()) {
            throw new IllegalArgumentException("run is for local runs; a cluster run is submitted (submit)");
        }
        StreamExecutionEnvironment env = build(request);
        double wall = LocalRun.execute(env, "riffle ctr " + request.input().getFileName(), request.runtime(),
                new LocalRun.Progress(progress, request.outputs().metrics(), "examples", CtrRun::progress));
        CtrSummary summary = CtrSummary.read(request.outputs(), wall);
        summary.write(request.outputs().summary());
        return summary;
    }

    /**
     * Submits the job to the Flink cluster this runs in ({@code --cluster}): no progress line, no summary, and the
     * checkpoints stay where the cluster keeps them. Returns once the cluster has the job (detached, as in
     * application mode) or once it ended (attached).
     */
    public static void submit(Request request, PrintWriter out) throws Exception {
        if (!request.runtime().cluster()) {
            throw new IllegalArgumentException("submit is for cluster runs (--cluster); use run");
        }
        StreamExecutionEnvironment env = build(request);
        JobExecutionResult result = env.execute("riffle ctr " + request.input().getFileName());
        out.println("Submitted job " + result.getJobID());
    }

    /** Examples learned, their rate, progressive log loss and AUC, and the model version. */
    static String progress(JsonNode m, long examples, double rate, double elapsed) {
        return String.format("[%4.0fs] %,12d examples  %,9.0f/s  log loss %.5f (baseline %.5f)  AUC %s  model v%d",
                elapsed, examples, rate, m.path("logLoss").asDouble(), m.path("baselineLogLoss").asDouble(),
                m.path("auc").isNumber() ? String.format("%.4f", m.path("auc").asDouble()) : "n/a",
                m.path("modelVersion").asLong());
    }

    private static StreamExecutionEnvironment build(Request request) {
        StreamExecutionEnvironment env = FlinkSetup.environment(request.runtime());
        env.setParallelism(request.config().parallelism());
        CtrFileJob.build(env, request.config(), request.input(), request.labels(), request.maxRecordBytes(),
                request.outputs());
        return env;
    }
}
