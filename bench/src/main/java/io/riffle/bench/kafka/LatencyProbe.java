package io.riffle.bench.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a predictions topic as a downstream consumer does and records, per event, the time from the moment its
 * impression was sent to the moment its prediction was received (one clock: this JVM's {@code nanoTime}).
 * Prediction keys are {@code L<n>}, the n-th impression sent. Pointed at the impressions topic, whose keys are the
 * same, it measures the input leg alone: producer, broker and consumer, without the job.
 */
final class LatencyProbe implements Runnable {
    private final String bootstrap;
    private final String topic;
    private final String isolation;
    private final long[] sentNanos;
    private final long[] latencyNanos;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Thread thread;

    /** A probe whose thread is named {@code latency-ISOLATION} (and so counted under it in {@code cpuCores}). */
    LatencyProbe(String bootstrap, String topic, String isolation, long[] sentNanos) {
        this(bootstrap, topic, isolation, sentNanos, "latency-" + isolation);
    }

    LatencyProbe(String bootstrap, String topic, String isolation, long[] sentNanos, String threadName) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.isolation = isolation;
        this.sentNanos = sentNanos;
        this.latencyNanos = new long[sentNanos.length];
        Arrays.fill(latencyNanos, -1);
        this.thread = new Thread(this, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long received() {
        return received.get();
    }

    void stop() throws InterruptedException {
        stop.set(true);
        thread.join(10_000);
    }

    @Override
    public void run() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                var records = consumer.poll(Duration.ofMillis(50));
                long now = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    int n = index(r.key());
                    if (n < 0 || n >= sentNanos.length || sentNanos[n] == 0) {
                        continue;
                    }
                    if (latencyNanos[n] >= 0) {
                        duplicates.incrementAndGet();
                        continue;
                    }
                    latencyNanos[n] = now - sentNanos[n];
                    received.incrementAndGet();
                }
            }
        }
    }

    private static int index(byte[] key) {
        if (key == null || key.length < 2 || key[0] != 'L') {
            return -1;
        }
        try {
            return Integer.parseInt(new String(key, 1, key.length - 1, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Writes, per 100 ms of sending time from event {@code from} on, the wall-clock time ({@code originEpochMillis} is
     * event {@code from}'s), the number of events sent, the median and largest latency among them (ms), and how many of
     * them took longer than {@code slowMillis}: spikes that recur with the checkpoint interval show what checkpoints
     * cost, the wall clock lines them up with GC logs, and the slow counts say which spikes make the tail.
     */
    void writeTrace(java.nio.file.Path file, int from, int to, long originEpochMillis, long slowMillis)
            throws java.io.IOException {
        StringBuilder csv = new StringBuilder("sentAtMs,sentAtEpochMs,events,p50Ms,maxMs,over" + slowMillis + "Ms\n");
        long origin = sentNanos[from];
        int i = from;
        while (i < to) {
            long bucket = (sentNanos[i] - origin) / 100_000_000L;
            int j = i;
            while (j < to && (sentNanos[j] - origin) / 100_000_000L == bucket) {
                j++;
            }
            long[] l = Arrays.stream(latencyNanos, i, j).filter(x -> x >= 0).sorted().toArray();
            csv.append(bucket * 100).append(',').append(originEpochMillis + bucket * 100).append(',').append(j - i)
                    .append(',')
                    .append(l.length == 0 ? "" : String.valueOf(round(l[l.length / 2] / 1e6))).append(',')
                    .append(l.length == 0 ? "" : String.valueOf(round(l[l.length - 1] / 1e6))).append(',')
                    .append(Arrays.stream(l).filter(x -> x > slowMillis * 1_000_000L).count()).append('\n');
            i = j;
        }
        java.nio.file.Files.writeString(file, csv);
    }

    /** How the events of {@code [from, to)} slower than {@code slowMillis} fall in the checkpoint cycle. */
    CheckpointPhase checkpointPhase(int from, int to, long slowMillis, long intervalMillis) {
        return CheckpointPhase.of(sentNanos, latencyNanos, from, to, slowMillis, intervalMillis,
                Math.min(600, intervalMillis));
    }

    /** Percentiles in milliseconds over events {@code [from, to)}, with how many of them never arrived. */
    Map<String, Object> summary(int from, int to) {
        long[] seen = Arrays.stream(latencyNanos, from, to).filter(l -> l >= 0).sorted().toArray();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("isolation", isolation);
        out.put("events", to - from);
        out.put("received", seen.length);
        out.put("duplicates", duplicates.get());
        out.put("p50Ms", percentile(seen, 0.50));
        out.put("p90Ms", percentile(seen, 0.90));
        out.put("p99Ms", percentile(seen, 0.99));
        out.put("p999Ms", percentile(seen, 0.999));
        out.put("maxMs", seen.length == 0 ? null : round(seen[seen.length - 1] / 1e6));
        return out;
    }

    private static Double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return null;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return round(sorted[Math.max(0, i)] / 1e6);
    }

    private static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }
}
