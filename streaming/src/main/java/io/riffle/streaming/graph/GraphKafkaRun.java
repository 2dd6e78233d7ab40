package io.riffle.streaming.graph;

import io.riffle.streaming.kafka.KafkaJobSettings;
import io.riffle.streaming.kafka.KafkaJobs;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.LocalRun;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a graph job against Kafka: checks the cluster first (reachable, input topic present, exactly-once settings
 * the broker accepts), creates missing output topics, then runs locally with the progress line, writing
 * {@code summary.json} for a bounded input with the predictions counted back from the topic as a
 * {@code read_committed} consumer sees them; or submits it to the cluster it runs in ({@code --cluster}).
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
            if (bufferTimeout != null && bufferTimeout.isNegative()) {
                throw new IllegalArgumentException("--buffer-timeout must be >= 0, got " + bufferTimeout);
            }
        }
    }

    /** Checks the cluster and prepares the output topics ({@link KafkaJobs#check}). */
    public static KafkaJobs.Plan check(Request request) {
        KafkaJobSettings kafka = request.kafka();
        return KafkaJobs.check(List.of(kafka.input()), kafka.topics(), kafka.output(),
                request.runtime().checkpointInterval(), kafka.kafkaTimeout());
    }

    /** Runs the job locally; returns its summary once a bounded input is done (a live job runs until stopped). */
    public static GraphSummary run(Request request, PrintWriter progress) throws Exception {
        if (request.runtime().cluster()) {
            throw new IllegalArgumentException("run is for local runs; a cluster run is submitted (submit)");
        }
        KafkaJobs.Plan plan = check(request);
        if (progress != null) {
            describe(request, plan, progress);
        }
        KafkaJobSettings kafka = request.kafka();
        double wall = LocalRun.execute(build(request), "riffle graph kafka " + kafka.input().topicList(),
                request.runtime(), new LocalRun.Progress(progress, request.outputs().metrics(), "interactions",
                        GraphRun::progress));
        long predictions = KafkaJobs.countCommitted(kafka.input(), kafka.topics().predictions(),
                plan.predictionsBefore());
        GraphSummary summary = GraphSummary.read(request.outputs(), null, wall).withInteractions(predictions);
        summary.write(request.outputs().summary());
        return summary;
    }

    /** Submits the job to the Flink cluster this runs in, after the same checks as a local run. */
    public static void submit(Request request, PrintWriter out) throws Exception {
        if (!request.runtime().cluster()) {
            throw new IllegalArgumentException("submit is for cluster runs (--cluster); use run");
        }
        describe(request, check(request), out);
        out.println("Submitted job " + build(request).execute("riffle graph kafka "
                + request.kafka().input().topicList()).getJobID());
    }

    private static StreamExecutionEnvironment build(Request request) {
        StreamExecutionEnvironment env = FlinkSetup.environment(request.runtime());
        env.setParallelism(request.config().parallelism());
        if (request.bufferTimeout() != null) {
            env.setBufferTimeout(request.bufferTimeout().toMillis());
        }
        GraphKafkaJob.build(env, request.config(), request.kafka(), request.outputs());
        return env;
    }

    private static void describe(Request request, KafkaJobs.Plan plan, PrintWriter out) {
        KafkaJobSettings kafka = request.kafka();
        KafkaJobs.describe("interactions from " + KafkaJobs.describeTopics(kafka.input(), plan), kafka.input(),
                kafka.topics(), kafka.output(), request.runtime().checkpointInterval(), plan, out);
    }
}
