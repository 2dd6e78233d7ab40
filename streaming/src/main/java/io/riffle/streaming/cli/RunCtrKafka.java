package io.riffle.streaming.cli;

import io.riffle.streaming.ctr.CtrJobConfig;
import io.riffle.streaming.ctr.CtrKafkaRun;
import io.riffle.streaming.ctr.CtrKafkaSettings;
import io.riffle.streaming.ctr.CtrOutputs;
import io.riffle.streaming.ctr.CtrSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalLong;

/** {@code riffle run ctr --source kafka}: the CTR job from topics to topics. */
final class RunCtrKafka {
    private RunCtrKafka() {}

    static int run(CtrOptions ctr, OnnxCtrOptions scoring, RuntimeOptions runtime, KafkaOptions kafka,
                   PrintWriter out) throws Exception {
        if (ctr.labels() != null) {
            throw new IllegalArgumentException("--labels reads a file; with --source kafka give --labels-topic");
        }
        ctr.checkInitModel();
        CtrJobConfig config = scoring.applyTo(ctr.toConfig(null));
        CtrKafkaSettings settings = kafka.settings(config, ctr.maxRecordBytes());
        Path resume = runtime.resumeFrom().orElse(null);
        CtrKafkaRun.Request request = new CtrKafkaRun.Request(config, settings, new CtrOutputs(runtime.out),
                runtime.settings(resume), kafka.bufferTimeout);
        CtrKafkaRun.checkTransactionTimeout(settings.output().transactionTimeout(),
                request.runtime().checkpointInterval(), OptionalLong.empty());
        if (runtime.dryRun) {
            // The cluster is not contacted: a dry run checks what the command line says (a run checks the rest).
            out.printf("ok: Kafka %s, input %s, from %s until %s -> topic %s and %s; model %s, scoring %s; %s%n",
                    settings.impressions().bootstrapServers(), settings.inputTopics(),
                    settings.impressions().start(), settings.impressions().stop(), settings.topics().predictions(),
                    runtime.out, config.model(), config.scoringMode().cliName(), runtime.describeStart(resume));
            return 0;
        }
        if (runtime.cluster()) {
            CtrKafkaRun.submit(request, out);
            return 0;
        }
        RuntimeOptions.announceResume(out, resume);
        CtrSummary summary = CtrKafkaRun.run(request, out);
        out.println(summary.describe());
        KafkaOptions.printCommitted(out, summary.predictions(), settings.topics().predictions());
        out.println("Outputs in topics " + settings.topics().predictions() + ", " + settings.topics().metrics() + ", "
                + settings.topics().deadLetters() + ", " + settings.topics().modelVersions() + " and in "
                + runtime.out.toAbsolutePath());
        return 0;
    }
}
