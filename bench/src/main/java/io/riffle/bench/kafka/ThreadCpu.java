package io.riffle.bench.kafka;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this JVM's threads over a window, by thread group: the job's tasks, the in-process broker, the Kafka
 * clients, the bench's producer and probes. Not counted: the JIT compiler's and the GC's threads (the JVM hides them)
 * and RocksDB's native threads. On a machine the job shares with its broker and its load, it says who takes the cores.
 */
final class ThreadCpu {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startNanos = new HashMap<>();
    private long startWallNanos;

    ThreadCpu() {
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    /** Marks the start of the window. */
    void start() {
        startNanos.clear();
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                startNanos.put(id, cpu);
            }
        }
        startWallNanos = System.nanoTime();
    }

    /**
     * Cores used since {@link #start()} (CPU seconds per wall second), by thread group, largest first, with the
     * {@code total} of all Java threads; groups under half a percent of a core are left out.
     */
    Map<String, Double> coresSinceStart() {
        double wall = (System.nanoTime() - startWallNanos) / 1e9;
        Map<String, Double> byGroup = new HashMap<>();
        double total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            double cores = (cpu - startNanos.getOrDefault(info.getThreadId(), 0L)) / 1e9 / wall;
            byGroup.merge(group(info.getThreadName()), cores, Double::sum);
            total += cores;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("total", round(total));
        byGroup.entrySet().stream().filter(e -> e.getValue() >= 0.005)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), round(e.getValue())));
        return out;
    }

    /**
     * A thread's group: Flink task threads by their first operator ({@code score -> kafka …: Writer (1/1)#0} is
     * {@code score}), numbered pools as one ({@code data-plane-kafka-request-handler-#}).
     */
    static String group(String name) {
        String g = name;
        int arrow = g.indexOf(" -> ");
        if (arrow > 0) {
            g = g.substring(0, arrow);
        }
        int bar = g.indexOf(" | ");
        if (bar > 0) {
            g = g.substring(0, bar);
        }
        return g.replaceAll("\\(\\d+/\\d+\\)#\\d+", "").replaceAll("\\d+", "#").trim();
    }

    private static double round(double cores) {
        return Math.round(cores * 1000) / 1000.0;
    }
}
