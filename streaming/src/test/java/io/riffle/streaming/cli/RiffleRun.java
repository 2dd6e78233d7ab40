package io.riffle.streaming.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One {@code riffle} command line run in this JVM: its exit code and what it printed to each stream. */
public record RiffleRun(int exit, String out, String err) {
    /** Runs {@code riffle ARGS}. */
    public static RiffleRun riffle(String... args) {
        CommandLine cli = Riffle.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new RiffleRun(exit, out.toString(), err.toString());
    }
}
