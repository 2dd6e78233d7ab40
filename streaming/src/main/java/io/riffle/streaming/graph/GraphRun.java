package io.riffle.streaming.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.riffle.connectors.graph.EdgeFiles;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.LocalRun;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a graph job over a recorded edge file on a local MiniCluster, with a progress line, and writes
 * {@code summary.json}. A file out of time order is first sorted into the state directory (and the copy removed
 * after a clean finish, with the checkpoints); after a failure both stay, and the same command resumes from the
 * latest checkpoint.
 */
public final class GraphRun {
    private GraphRun() {}

    /** A run's input and where its outputs go. */
    public record Request(GraphJobConfig config, GraphInput input, int maxRecordBytes, GraphOutputs outputs,
                          RuntimeSettings runtime) {}

    public static GraphSummary run(Request request, PrintWriter progress) throws Exception {
        if (request.runtime().cluster()) {
            throw new IllegalArgumentException("run is for local runs; a cluster run is submitted (submit)");
        }
        Path copy = request.input().sort() ? request.runtime().stateDir().resolve("sorted-input.txt") : null;
        StreamExecutionEnvironment env = build(request, copy);
        double wall = LocalRun.execute(env, "riffle graph " + request.input().file().getFileName(),
                request.runtime(), new LocalRun.Progress(progress, request.outputs().metrics(), "interactions",
                        GraphRun::progress));
        if (copy != null) {
            Files.deleteIfExists(copy);
        }
        GraphSummary summary = GraphSummary.read(request.outputs(), request.input(), wall);
        summary.write(request.outputs().summary());
        return summary;
    }

    /**
     * Submits the job to the Flink cluster this runs in ({@code --cluster}): no progress line, no summary. A file out
     * of order is sorted into the output directory first (the cluster's task managers must see it there).
     */
    public static void submit(Request request, PrintWriter out) throws Exception {
        if (!request.runtime().cluster()) {
            throw new IllegalArgumentException("submit is for cluster runs (--cluster); use run");
        }
        Path copy = request.input().sort() ? request.outputs().dir().resolve("sorted-input.txt") : null;
        JobExecutionResult result = build(request, copy).execute("riffle graph "
                + request.input().file().getFileName());
        out.println("Submitted job " + result.getJobID());
    }

    private static StreamExecutionEnvironment build(Request request, Path copy) throws IOException {
        if (copy != null) {
            EdgeFiles.sortInto(request.input().file(), request.config().codec(), request.maxRecordBytes(), copy);
        }
        StreamExecutionEnvironment env = FlinkSetup.environment(request.runtime());
        env.setParallelism(request.config().parallelism());
        GraphFileJob.build(env, request.config(), request.input().file(), copy, request.maxRecordBytes(),
                request.outputs());
        return env;
    }

    /** Interactions learned, their rate, the model's AP against the baselines', and the model step. */
    static String progress(JsonNode m, long interactions, double rate, double elapsed) {
        return String.format("[%4.0fs] %,12d interactions  %,7.0f/s  AP %s (EdgeBank %s, recency %s)  MRR %s"
                        + "  nodes %,d  step %,d", elapsed, interactions, rate, number(m.path("ap")),
                number(m.path("apEdgeBank")), number(m.path("apRecency")), number(m.path("mrr")),
                m.path("nodes").asLong(), m.path("modelStep").asLong());
    }

    static String number(JsonNode v) {
        return v.isNumber() ? String.format("%.4f", v.asDouble()) : "n/a";
    }
}
