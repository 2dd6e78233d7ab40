package io.riffle.streaming.cli;

import io.riffle.models.io.FtrlModelFile;
import io.riffle.models.onnx.FtrlOnnxExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code riffle export onnx}: a learned model as an ONNX scoring graph. */
@Command(name = "onnx", mixinStandardHelpOptions = true,
        description = {"Export a model learned by Riffle (model.riffle of `riffle run ctr`) to ONNX: inputs indices"
                + " (int64 [batch, features], hash & (2^bits - 1)) and values (float [batch, features]), output"
                + " score (float [batch]); the hashed weights are an initializer, the feature space and provenance"
                + " are in the model's metadata (riffle.*)."})
public final class ExportOnnxCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A Riffle model file (model.riffle).")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "Where to write the ONNX model.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(model)) {
            throw new IllegalArgumentException("--model " + model + " is not a readable file");
        }
        FtrlModelFile.Provenance p = FtrlModelFile.read(model).provenance();
        FtrlOnnxExport.export(model, out);
        spec.commandLine().getOut().printf("exported model '%s' version %d (%,d examples) to %s (%,d bytes)%n",
                p.model(), p.version(), p.examples(), out, Files.size(out));
        return 0;
    }

    /** {@code riffle export}: the parent of export formats. */
    @Command(name = "export", mixinStandardHelpOptions = true, description = "Export a learned model.",
            subcommands = {ExportOnnxCommand.class})
    public static final class Export implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }
}
