package io.riffle.streaming.cli;

import java.util.Comparator;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code riffle} command line. */
@Command(name = "riffle", mixinStandardHelpOptions = true, versionProvider = Riffle.Version.class,
        description = "Online learning on event streams, served inline, on Apache Flink.",
        subcommands = {DemoCommand.class, RunCommand.class, KafkaCommand.class, ScoreCommand.class,
                ExportOnnxCommand.Export.class, SimulateCtrCommand.Simulate.class, CommandLine.HelpCommand.class})
public final class Riffle implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = execute(args);
        if (java.util.Arrays.asList(args).contains("--cluster")) {
            // In application mode main() runs inside the JobManager: System.exit would stop it, and the job with it.
            // Return, or fail the application with an exception the cluster reports.
            if (code != 0) {
                throw new IllegalStateException("riffle failed (exit code " + code + "); see the messages above");
            }
            return;
        }
        System.exit(code);
    }

    /** Runs the command line and returns its exit code (0 ok, 1 failed, 2 bad usage). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine root = new CommandLine(new Riffle());
        ServiceLoader.load(RiffleExtension.class).stream()
                .sorted(Comparator.comparing(p -> p.type().getName()))
                .forEach(p -> p.get().register(root));
        root.setExecutionExceptionHandler((e, cmd, parse) -> {
            Throwable cause = rootCause(e);
            cmd.getErr().println("riffle: " + cause.getMessage());
            if (!(cause instanceof IllegalArgumentException)) {
                cmd.getErr().println("(" + cause.getClass().getName() + "; see the log above for details)");
            }
            return cause instanceof IllegalArgumentException ? 2 : 1;
        });
        return root;
    }

    static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof IllegalArgumentException)) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"riffle " + io.riffle.models.RiffleVersion.get()};
        }
    }
}
