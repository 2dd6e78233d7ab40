package io.riffle.streaming.cli;

import io.riffle.streaming.ctr.CtrJobConfig;
import io.riffle.streaming.ctr.CtrOutputs;
import io.riffle.streaming.ctr.CtrRun;
import io.riffle.streaming.ctr.CtrSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code riffle run ctr}: online CTR learning (FTRL-Proximal) over a recorded click log. */
@Command(name = "ctr", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay a click log through the CTR job: decode, score every impression, join labels, learn"
                + " with FTRL-Proximal, publish model versions, checkpoint.",
                "Writes OUT/predictions.jsonl, metrics.jsonl, dead-letters.jsonl, model-versions.jsonl,"
                        + " model.riffle and summary.json."})
public final class RunCtrCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Recorded input (plain or .gz); required unless --source kafka (default: none).")
    Path input;

    @Mixin
    CtrOptions ctr;

    @Mixin
    OnnxCtrOptions scoring;

    @Mixin
    RuntimeOptions runtime;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        if (kafka.enabled()) {
            return RunCtrKafka.run(ctr, scoring, runtime, kafka, spec.commandLine().getOut());
        }
        RuntimeOptions.requireInput(input);
        CtrJobConfig config = scoring.applyTo(ctr.toConfig(input));
        ctr.checkInputs(input);
        Path resume = runtime.resumeFrom().orElse(null);
        var out = spec.commandLine().getOut();
        if (runtime.dryRun) {
            out.printf("ok: %s (%s) -> %s; model %s, 2^%d weights, FTRL %s; scoring %s; %s%n", input,
                    config.codec().format().cliName(), runtime.out, config.model(), config.features().bits(),
                    config.ftrl(), config.scoringMode().cliName(), runtime.describeStart(resume));
            return 0;
        }
        if (runtime.cluster()) {
            CtrRun.submit(new CtrRun.Request(config, input, ctr.labels(), ctr.maxRecordBytes(),
                    new CtrOutputs(runtime.out), runtime.settings(null)), out);
            return 0;
        }
        RuntimeOptions.announceResume(out, resume);
        CtrSummary summary = CtrRun.run(new CtrRun.Request(config, input, ctr.labels(), ctr.maxRecordBytes(),
                new CtrOutputs(runtime.out), runtime.settings(resume)), out);
        out.println(summary.describe());
        out.println("Outputs in " + runtime.out.toAbsolutePath());
        return 0;
    }
}
