package io.riffle.streaming.cli;

import io.riffle.connectors.codec.EventTimes;
import io.riffle.connectors.reservoir.SeriesTimes;
import io.riffle.streaming.graph.GraphJobConfig;
import io.riffle.streaming.graph.GraphKafkaRun;
import io.riffle.streaming.graph.GraphOutputs;
import io.riffle.streaming.graph.GraphSummary;
import io.riffle.streaming.kafka.KafkaJobSettings;
import io.riffle.streaming.kafka.KafkaJobs;
import io.riffle.streaming.reservoir.ReservoirJobConfig;
import io.riffle.streaming.reservoir.ReservoirKafkaRun;
import io.riffle.streaming.reservoir.ReservoirOutputs;
import io.riffle.streaming.reservoir.ReservoirSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalLong;

/** {@code riffle run reservoir|graph --source kafka}: those jobs from a topic to topics. */
final class RunFamilyKafka {
    /** The JSON field of event time in series and interaction records. */
    static final String TIME_FIELD = "time";

    private RunFamilyKafka() {}

    static int reservoir(Path input, ReservoirOptions reservoir, RuntimeOptions runtime, KafkaOptions kafka,
                         PrintWriter out) throws Exception {
        noInputFile(input);
        ReservoirJobConfig config = reservoir.kafkaConfig();
        KafkaJobSettings settings = kafka.settings("reservoir", TIME_FIELD, SeriesTimes.PARSER,
                reservoir.maxRecordBytes());
        Path resume = runtime.resumeFrom().orElse(null);
        ReservoirKafkaRun.Request request = new ReservoirKafkaRun.Request(config, settings,
                new ReservoirOutputs(runtime.out), runtime.settings(resume), kafka.bufferTimeout());
        KafkaJobs.checkTransactionTimeout(settings.output().transactionTimeout(),
                request.runtime().checkpointInterval(), OptionalLong.empty());
        if (runtime.dryRun) {
            dryRun(out, settings, runtime, resume, config.describeModel());
            return 0;
        }
        if (runtime.cluster()) {
            ReservoirKafkaRun.submit(request, out);
            return 0;
        }
        if (resume != null) {
            out.println("Resuming from checkpoint " + resume + " (use --fresh to start over)");
        }
        out.println("Model: " + config.describeModel());
        ReservoirSummary summary = ReservoirKafkaRun.run(request, out);
        out.println(summary.describe(20));
        done(out, settings, runtime, summary.points());
        return 0;
    }

    static int graph(Path input, GraphOptions graph, RuntimeOptions runtime, KafkaOptions kafka, PrintWriter out)
            throws Exception {
        noInputFile(input);
        GraphJobConfig config = graph.kafkaConfig();
        KafkaJobSettings settings = kafka.settings("graph", TIME_FIELD, EventTimes.INSTANTS,
                graph.maxRecordBytes());
        Path resume = runtime.resumeFrom().orElse(null);
        GraphKafkaRun.Request request = new GraphKafkaRun.Request(config, settings, new GraphOutputs(runtime.out),
                runtime.settings(resume), kafka.bufferTimeout());
        KafkaJobs.checkTransactionTimeout(settings.output().transactionTimeout(),
                request.runtime().checkpointInterval(), OptionalLong.empty());
        if (runtime.dryRun) {
            dryRun(out, settings, runtime, resume, config.describeModel());
            return 0;
        }
        if (runtime.cluster()) {
            GraphKafkaRun.submit(request, out);
            return 0;
        }
        if (resume != null) {
            out.println("Resuming from checkpoint " + resume + " (use --fresh to start over)");
        }
        out.println("Model: " + config.describeModel());
        GraphSummary summary = GraphKafkaRun.run(request, out);
        out.println(summary.describe());
        done(out, settings, runtime, summary.interactions());
        return 0;
    }

    private static void noInputFile(Path input) {
        if (input != null) {
            throw new IllegalArgumentException("--input reads a file; with --source kafka the job reads --topic");
        }
    }

    /** The cluster is not contacted: a dry run checks what the command line says (a run checks the rest). */
    private static void dryRun(PrintWriter out, KafkaJobSettings settings, RuntimeOptions runtime, Path resume,
                               String model) {
        out.printf("ok: Kafka %s, input %s, from %s until %s -> topic %s and %s; %s; %s%n",
                settings.input().bootstrapServers(), settings.input().topicList(), settings.input().start(),
                settings.input().stop(), settings.topics().predictions(), runtime.out, model, runtime.cluster()
                        ? "in a cluster: state, checkpoints and restores as its Flink configuration says"
                        : resume == null ? "fresh start" : "would resume from " + resume);
    }

    private static void done(PrintWriter out, KafkaJobSettings settings, RuntimeOptions runtime, long predictions) {
        out.printf("predictions: %,d committed to topic %s (counted as a read_committed consumer sees them)%n",
                predictions, settings.topics().predictions());
        out.println("Outputs in topics " + String.join(", ", settings.topics().all()) + " and in "
                + runtime.out.toAbsolutePath());
    }
}
