package io.riffle.streaming.ctr;

import io.riffle.connectors.kafka.KafkaInput;
import io.riffle.streaming.kafka.KafkaJobs;
import io.riffle.streaming.kafka.KafkaRunSteps;
import io.riffle.streaming.runtime.LocalRun;
import io.riffle.streaming.runtime.RuntimeSettings;
import io.riffle.streaming.runtime.SummaryFields;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs a CTR job against Kafka on a local MiniCluster: checks the cluster first (reachable, input topics present,
 * exactly-once settings the broker accepts), creates missing output topics, runs with the progress line, and for a
 * bounded input writes {@code summary.json} with the predictions counted back from the topic as a
 * {@code read_committed} consumer sees them.
 */
public final class CtrKafkaRun {
    private CtrKafkaRun() {}

    /**
     * A run's configuration, Kafka settings, local outputs and runtime.
     *
     * @param bufferTimeout how long Flink holds records in a network buffer before sending it (lower: less latency,
     *                      more overhead), or null for Flink's default (100 ms)
     */
    public record Request(CtrJobConfig config, CtrKafkaSettings kafka, CtrOutputs outputs, RuntimeSettings runtime,
                          Duration bufferTimeout) {
        public Request(CtrJobConfig config, CtrKafkaSettings kafka, CtrOutputs outputs, RuntimeSettings runtime) {
            this(config, kafka, outputs, runtime, null);
        }

        public Request {
            KafkaRunSteps.checkBufferTimeout(bufferTimeout);
        }
    }

    /**
     * Checks the cluster and prepares the output topics ({@link KafkaJobs#check}).
     *
     * @throws io.riffle.connectors.kafka.KafkaUnreachableException if no broker answers
     * @throws IllegalArgumentException naming what to fix: a missing input topic, a transaction timeout the broker
     *                                  would refuse or too short for the checkpoint interval
     */
    public static KafkaJobs.Plan check(Request request) {
        CtrKafkaSettings kafka = request.kafka();
        List<KafkaInput> inputs = kafka.labels() == null ? List.of(kafka.impressions())
                : List.of(kafka.impressions(), kafka.labels());
        return KafkaJobs.check(inputs, kafka.topics().asOutputTopics(), kafka.output(),
                request.runtime().checkpointInterval(), kafka.kafkaTimeout());
    }

    /** See {@link KafkaJobs#checkTransactionTimeout}. */
    public static void checkTransactionTimeout(Duration timeout, Duration checkpointInterval,
                                               OptionalLong brokerMaxMillis) {
        KafkaJobs.checkTransactionTimeout(timeout, checkpointInterval, brokerMaxMillis);
    }

    /** Runs the job locally; returns its summary once a bounded input is done (a live job runs until stopped). */
    public static CtrSummary run(Request request, PrintWriter progress) throws Exception {
        KafkaRunSteps.requireLocal(request.runtime());
        KafkaJobs.Plan plan = check(request);
        CtrKafkaSettings kafka = request.kafka();
        if (progress != null) {
            describe(request, plan, progress);
        }
        StreamExecutionEnvironment env = build(request);
        double wall = LocalRun.execute(env, "riffle ctr kafka " + kafka.impressions().topicList(),
                request.runtime(), new LocalRun.Progress(progress, request.outputs().metrics(), "examples",
                        CtrRun::progress));
        long predictions = countCommitted(kafka, kafka.topics().predictions(), plan.predictionsBefore());
        CtrSummary files = CtrSummary.read(request.outputs(), wall);
        CtrSummary summary = withPredictions(files, predictions);
        summary.write(request.outputs().summary());
        return summary;
    }

    /**
     * Submits the job to the Flink cluster this runs in ({@code --cluster}), after the same checks as a local run:
     * no progress line and no summary; checkpoints, restarts and restores are the cluster's.
     */
    public static void submit(Request request, PrintWriter out) throws Exception {
        KafkaRunSteps.requireCluster(request.runtime());
        describe(request, check(request), out);
        KafkaRunSteps.submit(build(request), "riffle ctr kafka " + request.kafka().impressions().topicList(), out);
    }

    private static StreamExecutionEnvironment build(Request request) {
        StreamExecutionEnvironment env = KafkaRunSteps.environment(request.runtime(), request.config().parallelism(),
                request.bufferTimeout());
        CtrKafkaJob.build(env, request.config(), request.kafka(), request.outputs());
        return env;
    }

    /** The records of {@code topic} after {@code from} that a read_committed consumer sees. */
    public static long countCommitted(CtrKafkaSettings kafka, String topic, Map<TopicPartition, Long> from) {
        return KafkaJobs.countCommitted(kafka.impressions(), topic, from);
    }

    /** The summary of the local files with the predictions counted in the topic. */
    static CtrSummary withPredictions(CtrSummary s, long predictions) {
        long events = s.events() - s.predictions() + predictions;
        return new CtrSummary(events, s.labels(), predictions, s.deadLetters(), s.deadLettersByKind(),
                s.examples(), s.positives(), s.progressiveLogLoss(), s.progressiveAuc(), s.windowLogLoss(),
                s.windowAuc(), s.baselineLogLoss(), s.entropyLogLoss(), s.modelVersion(), s.wallSeconds(),
                SummaryFields.perSecond(events, s.wallSeconds()));
    }

    private static void describe(Request request, KafkaJobs.Plan plan, PrintWriter out) {
        CtrKafkaSettings kafka = request.kafka();
        String what = "impressions from " + KafkaJobs.describeTopics(kafka.impressions(), plan)
                + (kafka.labels() == null ? "" : ", labels from " + KafkaJobs.describeTopics(kafka.labels(), plan));
        KafkaJobs.describe(what, kafka.impressions(), kafka.topics().asOutputTopics(), kafka.output(),
                request.runtime().checkpointInterval(), plan, out);
    }
}
