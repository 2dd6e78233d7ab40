package io.riffle.streaming.reservoir;

import io.riffle.streaming.kafka.KafkaJobSettings;
import io.riffle.streaming.kafka.KafkaJobs;
import io.riffle.streaming.kafka.KafkaRunSteps;
import io.riffle.streaming.kafka.OneTopicKafkaRun;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Runs a reservoir job against Kafka ({@link OneTopicKafkaRun}), writing {@code summary.json} for a bounded input
 * with the forecasts counted back from the topic as a {@code read_committed} consumer sees them. Unlike the file run,
 * checkpoints continue after tasks finish: the last Kafka transaction of a bounded input is committed by the final
 * checkpoint.
 */
public final class ReservoirKafkaRun {
    private ReservoirKafkaRun() {}

    /**
     * A run's configuration, Kafka settings, local outputs and runtime.
     *
     * @param bufferTimeout how long Flink holds records in a network buffer, or null for Flink's default
     */
    public record Request(ReservoirJobConfig config, KafkaJobSettings kafka, ReservoirOutputs outputs,
                          RuntimeSettings runtime, Duration bufferTimeout) {
        public Request {
            if (config == null || kafka == null || outputs == null || runtime == null) {
                throw new IllegalArgumentException("a reservoir Kafka run needs its configuration, Kafka settings,"
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
    public static ReservoirSummary run(Request request, PrintWriter progress) throws Exception {
        OneTopicKafkaRun.Done done = steps(request).run(request.outputs().metrics(), ReservoirRun::progress,
                progress);
        ReservoirSummary summary = ReservoirSummary.read(request.config(), request.outputs(), done.wallSeconds())
                .withPoints(done.committedPredictions());
        summary.write(request.outputs().summary());
        return summary;
    }

    /** Submits the job to the Flink cluster this runs in, after the same checks as a local run. */
    public static void submit(Request request, PrintWriter out) throws Exception {
        steps(request).submit(out);
    }

    private static OneTopicKafkaRun steps(Request request) {
        return new OneTopicKafkaRun("reservoir", "points", request.kafka(), request.runtime(),
                request.config().parallelism(), request.bufferTimeout(),
                env -> ReservoirKafkaJob.build(env, request.config(), request.kafka(), request.outputs()));
    }
}
