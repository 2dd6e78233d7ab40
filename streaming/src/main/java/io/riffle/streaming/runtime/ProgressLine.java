package io.riffle.streaming.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * A live progress line for a local run, read once a second from the tail of a metrics file: a count (examples
 * learned, points forecast) and its rate, then whatever the job's {@link Format} makes of the latest line. Rewrites
 * one line on a terminal; prints every ten seconds otherwise.
 */
public final class ProgressLine implements AutoCloseable {
    /** Turns the latest metrics line into the progress text. */
    @FunctionalInterface
    public interface Format {
        String line(JsonNode metrics, long count, double perSecond, double elapsedSeconds);
    }

    private final Path metrics;
    private final PrintWriter out;
    private final String countField;
    private final Format format;
    private final boolean terminal = System.console() != null;
    private final Thread thread;
    private final long startNanos = System.nanoTime();
    private volatile boolean running = true;
    private long lastCount;
    private long lastNanos = System.nanoTime();
    private boolean printed;

    /**
     * @param countField the field of the metrics line that counts the work done
     */
    public ProgressLine(Path metrics, PrintWriter out, String countField, Format format) {
        this.metrics = metrics;
        this.out = out;
        this.countField = countField;
        this.format = format;
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
        long count = m.path(countField).asLong();
        long now = System.nanoTime();
        double rate = (count - lastCount) / ((now - lastNanos) / 1e9);
        lastCount = count;
        lastNanos = now;
        String line = format.line(m, count, rate, (now - startNanos) / 1e9);
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
