package io.riffle.streaming.graph;

import io.riffle.streaming.kafka.KafkaJobSettings;
import io.riffle.streaming.kafka.KafkaJobs;
import io.riffle.streaming.kafka.KafkaRunSteps;
import io.riffle.streaming.kafka.OneTopicKafkaRun;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Runs a graph job against Kafka ({@link OneTopicKafkaRun}), writing {@code summary.json} for a bounded input with
 * the predictions counted back from the topic as a {@code read_committed} consumer sees them.
 */
public final class GraphKafkaRun {
    private GraphKafkaRun() {}

    /**
     * A run's configuration, Kafka settings, local outputs and runtime.
     *
     * @param bufferTimeout how long Flink holds records in a network buffer, or null for Flink's default
     */
    public record Request(GraphJobConfig config, KafkaJobSettings kafka, GraphOutputs outputs,
                          RuntimeSettings runtime, Duration bufferTimeout) {
        public Request {
            if (config == null || kafka == null || outputs == null || runtime == null) {
                throw new IllegalArgumentException("a graph Kafka run needs its configuration, Kafka settings,"
                        + " outputs and runtime");
            }
            KafkaRunSteps.checkBufferTimeout(bufferTimeout);
        }
    }

    /** Checks the cluster and prepares the output topics ({@link KafkaJobs#check}). */
    public static KafkaJobs.Plan check(Request request) {
        return steps(request).check();
    }

    /** Runs the job locally; returns its summary once a bounded input is done (a live job runs until stopped). */
    public static GraphSummary run(Request request, PrintWriter progress) throws Exception {
        OneTopicKafkaRun.Done done = steps(request).run(request.outputs().metrics(), GraphRun::progress, progress);
        GraphSummary summary = GraphSummary.read(request.outputs(), null, done.wallSeconds())
                .withInteractions(done.committedPredictions());
        summary.write(request.outputs().summary());
        return summary;
    }

    /** Submits the job to the Flink cluster this runs in, after the same checks as a local run. */
    public static void submit(Request request, PrintWriter out) throws Exception {
        steps(request).submit(out);
    }

    private static OneTopicKafkaRun steps(Request request) {
        return new OneTopicKafkaRun("graph", "interactions", request.kafka(), request.runtime(),
                request.config().parallelism(), request.bufferTimeout(),
                env -> GraphKafkaJob.build(env, request.config(), request.kafka(), request.outputs()));
    }
}
