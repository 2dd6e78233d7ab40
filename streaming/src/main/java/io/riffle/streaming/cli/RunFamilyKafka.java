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
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

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
        return drive(settings, runtime, request.runtime(), resume, config.describeModel(), out,
                () -> ReservoirKafkaRun.submit(request, out), () -> {
                    ReservoirSummary summary = ReservoirKafkaRun.run(request, out);
                    out.println(summary.describe(20));
                    return summary.points();
                });
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
        return drive(settings, runtime, request.runtime(), resume, config.describeModel(), out,
                () -> GraphKafkaRun.submit(request, out), () -> {
                    GraphSummary summary = GraphKafkaRun.run(request, out);
                    out.println(summary.describe());
                    return summary.interactions();
                });
    }

    /** Submits a family's job to the cluster this runs in. */
    private interface Submit {
        void submit() throws Exception;
    }

    /**
     * What both families do once their request is built: check the transaction timeout, then print the plan (dry
     * run), submit ({@code --cluster}) or run locally and report the predictions committed.
     *
     * @param run runs locally, prints the summary and returns the predictions committed to the topic
     */
    private static int drive(KafkaJobSettings settings, RuntimeOptions runtime, RuntimeSettings runtimeSettings,
                             Path resume, String model, PrintWriter out, Submit submit, Callable<Long> run)
            throws Exception {
        KafkaJobs.checkTransactionTimeout(settings.output().transactionTimeout(),
                runtimeSettings.checkpointInterval(), OptionalLong.empty());
        if (runtime.dryRun) {
            dryRun(out, settings, runtime, resume, model);
            return 0;
        }
        if (runtime.cluster()) {
            submit.submit();
            return 0;
        }
        RuntimeOptions.announceResume(out, resume);
        out.println("Model: " + model);
        done(out, settings, runtime, run.call());
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
                settings.input().stop(), settings.topics().predictions(), runtime.out, model,
                runtime.describeStart(resume));
    }

    private static void done(PrintWriter out, KafkaJobSettings settings, RuntimeOptions runtime, long predictions) {
        KafkaOptions.printCommitted(out, predictions, settings.topics().predictions());
        out.println("Outputs in topics " + String.join(", ", settings.topics().all()) + " and in "
                + runtime.out.toAbsolutePath());
    }
}
