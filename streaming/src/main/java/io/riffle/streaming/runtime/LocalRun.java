package io.riffle.streaming.runtime;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a built job to its end on the local MiniCluster, with a {@link ProgressLine} when asked, and clears the
 * retained checkpoints after a clean finish (there is nothing to resume); after a failure they stay, and the same
 * command resumes from the latest.
 */
public final class LocalRun {
    private LocalRun() {}

    /** How a run reports progress: the metrics file to follow, its count field and the line format. */
    public record Progress(PrintWriter out, Path metrics, String countField, ProgressLine.Format format) {}

    /**
     * Executes {@code env}'s job.
     *
     * @param progress where and how to show progress, or null for none
     * @return wall-clock seconds from submission to the end of the job
     */
    public static double execute(StreamExecutionEnvironment env, String jobName, RuntimeSettings runtime,
                                 Progress progress) throws Exception {
        long start = System.nanoTime();
        if (progress != null && progress.out() != null) {
            try (ProgressLine line = new ProgressLine(progress.metrics(), progress.out(), progress.countField(),
                    progress.format())) {
                env.execute(jobName);
            }
        } else {
            env.execute(jobName);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        Checkpoints.clear(runtime.checkpointDir());
        return wall;
    }
}
