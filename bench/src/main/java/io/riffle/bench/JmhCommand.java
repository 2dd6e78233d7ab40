package io.riffle.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code riffle bench jmh [JMH ARGS…]}: runs the JMH micro-benchmarks packaged in riffle.jar. */
@Command(name = "jmh", mixinStandardHelpOptions = true,
        description = {"Run JMH micro-benchmarks (e.g. FtrlKernelBenchmark); arguments go to JMH unchanged.",
                "Example: riffle bench jmh FtrlKernelBenchmark -p features=16"})
public final class JmhCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "ARG", description = "JMH arguments: benchmark regexps and options.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        org.openjdk.jmh.Main.main(args.toArray(new String[0]));
        return 0;
    }
}
