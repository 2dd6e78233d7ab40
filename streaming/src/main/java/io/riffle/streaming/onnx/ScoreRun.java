package io.riffle.streaming.onnx;

import io.riffle.models.onnx.MappedOnnxSpec;
import io.riffle.streaming.runtime.Checkpoints;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs {@code riffle score} on a local MiniCluster and writes {@code summary.json}. The model is opened once before
 * the job (so a bad model, mapping or device fails at start, with the mapping's message) and again by each scorer.
 */
public final class ScoreRun {
    private ScoreRun() {}

    /** A run's inputs and where its outputs go. */
    public record Request(ScoreConfig config, Path input, String mappingFile, ScoreOutputs outputs,
                          RuntimeSettings runtime) {}

    public static ScoreSummary run(Request request) throws Exception {
        MappedOnnxSpec.Checked checked = request.config().scorer().check();
        StreamExecutionEnvironment env = FlinkSetup.environment(request.runtime());
        env.setParallelism(request.config().parallelism());
        ScoreJob.build(env, request.config(), request.input(), request.outputs());
        long start = System.nanoTime();
        env.execute("riffle score " + request.input().getFileName());
        double wall = (System.nanoTime() - start) / 1e9;
        Checkpoints.clear(request.runtime().checkpointDir());
        ScoreSummary summary = ScoreSummary.read(request.outputs(), request.input(), request.config().codec(),
                request.config().maxRecordBytes(), request, checked.device(), checked.fallbackReason(), wall);
        summary.write(request.outputs().summary());
        return summary;
    }
}
