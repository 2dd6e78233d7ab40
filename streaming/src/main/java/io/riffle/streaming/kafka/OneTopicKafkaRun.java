package io.riffle.streaming.kafka;

import io.riffle.streaming.runtime.LocalRun;
import io.riffle.streaming.runtime.ProgressLine;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a job with one input topic (graph, reservoir) against Kafka: checks the cluster first (reachable, input topic
 * present, exactly-once settings the broker accepts), creates missing output topics, then runs locally with the
 * progress line and counts the predictions back from the topic as a {@code read_committed} consumer sees them; or
 * submits the job to the cluster it runs in ({@code --cluster}). The family turns the outcome into its summary.
 *
 * @param family        the job's family, in the job name ({@code riffle graph kafka T})
 * @param records       what the input's records are, as the console and the metrics' count field name them
 *                      ({@code interactions})
 * @param bufferTimeout how long Flink holds records in a network buffer, or null for Flink's default
 * @param job           adds the family's job to an environment
 */
public record OneTopicKafkaRun(String family, String records, KafkaJobSettings kafka, RuntimeSettings runtime,
                               int parallelism, Duration bufferTimeout, Consumer<StreamExecutionEnvironment> job) {

    /** What a local run of a bounded input did. */
    public record Done(double wallSeconds, long committedPredictions) {}

    /** Checks the cluster and prepares the output topics ({@link KafkaJobs#check}). */
    public KafkaJobs.Plan check() {
        return KafkaJobs.check(List.of(kafka.input()), kafka.topics(), kafka.output(), runtime.checkpointInterval(),
                kafka.kafkaTimeout());
    }

    /**
     * Runs the job locally until a bounded input is done (a live job runs until stopped).
     *
     * @param metrics  the metrics file the progress line follows
     * @param progress where the progress line goes, or null for none
     */
    public Done run(Path metrics, ProgressLine.Format format, PrintWriter progress) throws Exception {
        KafkaRunSteps.requireLocal(runtime);
        KafkaJobs.Plan plan = check();
        if (progress != null) {
            describe(plan, progress);
        }
        double wall = LocalRun.execute(build(), jobName(), runtime,
                new LocalRun.Progress(progress, metrics, records, format));
        return new Done(wall, KafkaJobs.countCommitted(kafka.input(), kafka.topics().predictions(),
                plan.predictionsBefore()));
    }

    /** Submits the job to the Flink cluster this runs in, after the same checks as a local run. */
    public void submit(PrintWriter out) throws Exception {
        KafkaRunSteps.requireCluster(runtime);
        describe(check(), out);
        KafkaRunSteps.submit(build(), jobName(), out);
    }

    private String jobName() {
        return "riffle " + family + " kafka " + kafka.input().topicList();
    }

    private StreamExecutionEnvironment build() {
        StreamExecutionEnvironment env = KafkaRunSteps.environment(runtime, parallelism, bufferTimeout);
        job.accept(env);
        return env;
    }

    private void describe(KafkaJobs.Plan plan, PrintWriter out) {
        KafkaJobs.describe(records + " from " + KafkaJobs.describeTopics(kafka.input(), plan), kafka.input(),
                kafka.topics(), kafka.output(), runtime.checkpointInterval(), plan, out);
    }
}
