package io.riffle.connectors.kafka;

import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.file.BoundedLineReader;
import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.source.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces a recorded history into Kafka ({@code riffle kafka load}): each event of a file becomes one record whose key
 * is chosen by the family's {@link HistoryFormat} (the event id, the series key), whose timestamp is the event's own
 * time (so {@code --from TIME} replays from a point in event time), and whose value is the event as the family's
 * canonical JSON line (JSON-lines rows are sent byte for byte; other formats are converted). Label events go to a
 * labels topic when one is given.
 *
 * <p>Rows that do not decode are sent too, unchanged and without a key, with the previous record's timestamp: the job
 * dead-letters them with topic, partition and offset, as it would bad input from any producer. Rows the file reader
 * cannot read at all (too long, not UTF-8) are counted and skipped. Topics that do not exist are created with
 * {@code retention.ms=-1}: a history's timestamps are old, and time-based retention would delete it. Kafka timestamps
 * cannot be negative: events before 1970 are stamped 0 (their values keep their time).
 */
public final class HistoryLoader {
    /**
     * What to load and where.
     *
     * @param format        how rows become records (used by this one load)
     * @param ratePerSecond records per second, 0 for as fast as the broker takes them
     * @param partitions    partitions of topics this creates
     */
    public record Request(String bootstrapServers, Map<String, String> clientProperties, String topic,
                          String labelsTopic, Path input, HistoryFormat format, double ratePerSecond, int partitions,
                          int maxRecordBytes, Duration timeout) {
        public Request {
            if (ratePerSecond < 0 || Double.isNaN(ratePerSecond)) {
                throw new IllegalArgumentException("--rate must be >= 0 records/s, got " + ratePerSecond);
            }
            if (partitions < 1) {
                throw new IllegalArgumentException("--partitions must be >= 1, got " + partitions);
            }
            clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
        }

        /** A click log in {@code codec}'s format. */
        public Request(String bootstrapServers, Map<String, String> clientProperties, String topic,
                       String labelsTopic, Path input, CtrCodecSpec codec, double ratePerSecond, int partitions,
                       int maxRecordBytes, Duration timeout) {
            this(bootstrapServers, clientProperties, topic, labelsTopic, input, new CtrHistoryFormat(codec),
                    ratePerSecond, partitions, maxRecordBytes, timeout);
        }
    }

    /**
     * What was sent: records, events per kind ({@code impression}, {@code label}, {@code point}), undecodable rows
     * sent as they are, unreadable rows skipped, and the event-time range of the record timestamps.
     */
    public record Result(long records, Map<String, Long> events, long undecodable, long skipped, long firstTime,
                         long lastTime, double seconds) {
        public Result {
            events = Map.copyOf(events);
        }

        /** Events of {@code kind} sent. */
        public long count(String kind) {
            return events.getOrDefault(kind, 0L);
        }
    }

    private HistoryLoader() {}

    public static Result load(Request request, PrintWriter progress) throws IOException {
        LineFileSource.check(request.input());
        try (KafkaCluster cluster = KafkaCluster.connect(request.bootstrapServers(), request.clientProperties(),
                request.timeout())) {
            Map<String, Integer> topics = new LinkedHashMap<>();
            topics.put(request.topic(), request.partitions());
            if (request.labelsTopic() != null) {
                topics.put(request.labelsTopic(), request.partitions());
            }
            for (String created : cluster.createMissing(topics, Map.of("retention.ms", "-1"))) {
                if (progress != null) {
                    progress.printf("created topic %s (%d partitions, retention.ms=-1)%n", created,
                            request.partitions());
                }
            }
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, request.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, request.ratePerSecond() > 0 ? "0" : "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(Math.max(1 << 20,
                request.maxRecordBytes() + 1024)));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.putAll(request.clientProperties());

        String source = request.input().toString();
        long start = System.nanoTime();
        long skipped = 0;
        try (InputStream file = Files.newInputStream(request.input());
             InputStream in = request.input().toString().endsWith(".gz") ? new GZIPInputStream(file, 1 << 16)
                     : file;
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            Sender sender = new Sender(request, producer, progress, start);
            BoundedLineReader reader = new BoundedLineReader(in, request.maxRecordBytes());
            BoundedLineReader.Line line;
            while ((line = reader.next()) != null && sender.failure.get() == null) {
                if (line.error() != null) {
                    skipped++;
                    continue;
                }
                request.format().convert(SourceRecord.line(source, 0, line.number(), line.text()), sender);
            }
            producer.flush();
            if (sender.failure.get() != null) {
                throw new IOException("producing to " + request.topic() + " on " + request.bootstrapServers()
                        + " failed: " + sender.failure.get().getMessage(), sender.failure.get());
            }
            return new Result(sender.records, sender.events, sender.undecodable, skipped,
                    sender.firstTime == Long.MIN_VALUE ? 0 : sender.firstTime, sender.lastTime,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** Sends what the format makes of each row, paced, and counts it. */
    private static final class Sender implements HistoryFormat.Records {
        private final Request request;
        private final KafkaProducer<byte[], byte[]> producer;
        private final PrintWriter progress;
        private final long start;
        final AtomicReference<Exception> failure = new AtomicReference<>();
        final Map<String, Long> events = new LinkedHashMap<>();
        long records;
        long undecodable;
        long firstTime = Long.MIN_VALUE;
        long lastTime;
        private long lastReport;

        Sender(Request request, KafkaProducer<byte[], byte[]> producer, PrintWriter progress, long start) {
            this.request = request;
            this.producer = producer;
            this.progress = progress;
            this.start = start;
            this.lastReport = start;
        }

        @Override
        public void event(String kind, boolean toSecond, String key, long time, String value) {
            events.merge(kind, 1L, Long::sum);
            send(toSecond, key, Math.max(0, time), value);
        }

        @Override
        public void undecodable(boolean toSecond, String row) {
            undecodable++;
            send(toSecond, null, lastTime, row);
        }

        private void send(boolean toSecond, String key, long timestamp, String value) {
            String topic = toSecond && request.labelsTopic() != null ? request.labelsTopic() : request.topic();
            lastTime = timestamp;
            if (firstTime == Long.MIN_VALUE) {
                firstTime = timestamp;
            }
            producer.send(new ProducerRecord<>(topic, null, timestamp,
                    key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8)), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
            records++;
            pace(request.ratePerSecond(), records, start);
            long now = System.nanoTime();
            if (progress != null && now - lastReport > 10_000_000_000L) {
                lastReport = now;
                progress.printf("  %,d records sent (%,.0f/s)%n", records, records / ((now - start) / 1e9));
                progress.flush();
            }
        }
    }

    private static void pace(double ratePerSecond, long sent, long startNanos) {
        if (ratePerSecond <= 0) {
            return;
        }
        long dueNanos = (long) (sent / ratePerSecond * 1e9);
        long waitNanos = dueNanos - (System.nanoTime() - startNanos);
        if (waitNanos > 1_000_000) {
            try {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
