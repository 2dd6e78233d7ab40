package io.riffle.streaming.ctr;

import com.fasterxml.jackson.databind.JsonNode;
import io.riffle.streaming.runtime.JsonFiles;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * A live progress line for a local run: examples learned, their rate, progressive log loss and AUC, and the model
 * version, read once a second from the tail of {@code metrics.jsonl}. Rewrites one line on a terminal; prints every
 * ten seconds otherwise.
 */
public final class ProgressLine implements AutoCloseable {
    private final Path metrics;
    private final PrintWriter out;
    private final boolean terminal = System.console() != null;
    private final Thread thread;
    private final long startNanos = System.nanoTime();
    private volatile boolean running = true;
    private long lastExamples;
    private long lastNanos = System.nanoTime();
    private boolean printed;

    public ProgressLine(Path metrics, PrintWriter out) {
        this.metrics = metrics;
        this.out = out;
        this.thread = new Thread(this::loop, "riffle-progress");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        int tick = 0;
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            tick++;
            if (terminal || tick % 10 == 0) {
                JsonFiles.lastLine(metrics).ifPresent(this::print);
            }
        }
    }

    private void print(JsonNode m) {
        long examples = m.path("examples").asLong();
        long now = System.nanoTime();
        double rate = (examples - lastExamples) / ((now - lastNanos) / 1e9);
        lastExamples = examples;
        lastNanos = now;
        String line = String.format("[%4.0fs] %,12d examples  %,9.0f/s  log loss %.5f (baseline %.5f)  AUC %s"
                        + "  model v%d", (now - startNanos) / 1e9, examples, rate, m.path("logLoss").asDouble(),
                m.path("baselineLogLoss").asDouble(), m.path("auc").isNumber()
                        ? String.format("%.4f", m.path("auc").asDouble()) : "n/a", m.path("modelVersion").asLong());
        if (terminal) {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
        printed = true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
        if (terminal && printed) {
            out.println();
        }
    }
}
