package io.riffle.streaming.kafka;

import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.time.Duration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The steps every family's Kafka run takes around its own job: refusing a local run of a cluster job and the other
 * way round, the environment with the job's parallelism and network buffer timeout, and submission to a cluster.
 */
public final class KafkaRunSteps {
    private KafkaRunSteps() {}

    /** @throws IllegalArgumentException if {@code bufferTimeout} is negative (null is Flink's default) */
    public static void checkBufferTimeout(Duration bufferTimeout) {
        if (bufferTimeout != null && bufferTimeout.isNegative()) {
            throw new IllegalArgumentException("--buffer-timeout must be >= 0, got " + bufferTimeout);
        }
    }

    /** @throws IllegalArgumentException if the run is meant for a cluster ({@code --cluster}) */
    public static void requireLocal(RuntimeSettings runtime) {
        if (runtime.cluster()) {
            throw new IllegalArgumentException("run is for local runs; a cluster run is submitted (submit)");
        }
    }

    /** @throws IllegalArgumentException unless the run is meant for a cluster ({@code --cluster}) */
    public static void requireCluster(RuntimeSettings runtime) {
        if (!runtime.cluster()) {
            throw new IllegalArgumentException("submit is for cluster runs (--cluster); use run");
        }
    }

    /**
     * The environment for a job, before the job is added.
     *
     * @param bufferTimeout how long Flink holds records in a network buffer, or null for Flink's default
     */
    public static StreamExecutionEnvironment environment(RuntimeSettings runtime, int parallelism,
                                                         Duration bufferTimeout) {
        StreamExecutionEnvironment env = FlinkSetup.environment(runtime);
        env.setParallelism(parallelism);
        if (bufferTimeout != null) {
            env.setBufferTimeout(bufferTimeout.toMillis());
        }
        return env;
    }

    /** Submits {@code env}'s job to the cluster this runs in and prints its id. */
    public static void submit(StreamExecutionEnvironment env, String jobName, PrintWriter out) throws Exception {
        out.println("Submitted job " + env.execute(jobName).getJobID());
    }
}
