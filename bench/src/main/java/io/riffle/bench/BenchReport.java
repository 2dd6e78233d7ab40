package io.riffle.bench;

import io.riffle.streaming.runtime.JsonFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A benchmark's figures: printed as a table and written to {@code bench.json}, with the machine they came from. */
public final class BenchReport {
    private final Map<String, Object> figures = new LinkedHashMap<>();

    public BenchReport(String benchmark) {
        figures.put("benchmark", benchmark);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        machine.put("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments().size());
        figures.put("machine", machine);
    }

    public BenchReport put(String name, Object value) {
        figures.put(name, value instanceof Double d ? round(d) : value);
        return this;
    }

    private static Object round(double d) {
        if (!Double.isFinite(d)) {
            return null;
        }
        return Math.abs(d) >= 100 ? (double) Math.round(d) : Math.round(d * 1e6) / 1e6;
    }

    public Map<String, Object> figures() {
        return figures;
    }

    public void print(PrintWriter out) {
        figures.forEach((k, v) -> out.printf("  %-34s %s%n", k, v));
        out.flush();
    }

    public void write(Path file) throws IOException {
        JsonFiles.write(file, figures);
    }
}
