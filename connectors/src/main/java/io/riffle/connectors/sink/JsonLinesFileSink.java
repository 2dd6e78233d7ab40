package io.riffle.connectors.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes records as lines of one file, exactly once across failures: the writer checkpoints the file's length, and a
 * restore truncates the file back to it before the replayed records are written again. So the file after any number
 * of recoveries equals the file of an uninterrupted run, while still being readable (tail -f) as the job runs.
 *
 * <p>One writer per file: use it with parallelism 1. A fresh start (no restored state) empties the file.
 * Flink's {@code FileSink} was not used because it writes rolling part files in a directory, and users and tests here
 * want one {@code predictions.jsonl}.
 */
public final class JsonLinesFileSink<T> implements Sink<T>, SupportsWriterState<T, Long> {
    private final String path;
    private final LineEncoder<T> encoder;
    private final boolean flushEachRecord;

    /**
     * @param flushEachRecord flush every line to the OS (for low-rate outputs such as metrics, so that a progress
     *                        display sees them at once)
     */
    public JsonLinesFileSink(Path path, LineEncoder<T> encoder, boolean flushEachRecord) {
        this.path = path.toAbsolutePath().toString();
        this.encoder = encoder;
        this.flushEachRecord = flushEachRecord;
    }

    @Override
    public StatefulSinkWriter<T, Long> createWriter(WriterInitContext context) throws IOException {
        return new Writer(0L);
    }

    @Override
    public StatefulSinkWriter<T, Long> restoreWriter(WriterInitContext context, Collection<Long> state)
            throws IOException {
        long length = state.stream().mapToLong(Long::longValue).max().orElse(0L);
        return new Writer(length);
    }

    @Override
    public SimpleVersionedSerializer<Long> getWriterStateSerializer() {
        return new LengthSerializer();
    }

    private final class Writer implements StatefulSinkWriter<T, Long> {
        private final FileChannel channel;
        private final OutputStream out;
        private final StringBuilder line = new StringBuilder(256);
        private long length;

        Writer(long restoredLength) throws IOException {
            Path file = Path.of(path);
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.size() < restoredLength) {
                throw new IOException("output " + file + " is shorter (" + channel.size() + " bytes) than at the"
                        + " checkpoint being restored (" + restoredLength + " bytes): it was changed outside the job");
            }
            channel.truncate(restoredLength);
            channel.position(restoredLength);
            length = restoredLength;
            out = new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        }

        @Override
        public void write(T element, Context context) throws IOException {
            line.setLength(0);
            encoder.encode(element, line);
            line.append('\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            out.write(bytes);
            length += bytes.length;
            if (flushEachRecord) {
                out.flush();
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public List<Long> snapshotState(long checkpointId) throws IOException {
            out.flush();
            channel.force(false);
            return List.of(length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
            channel.close();
        }
    }

    /** Serializes the checkpointed file length. */
    static final class LengthSerializer implements SimpleVersionedSerializer<Long> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Long length) {
            return ByteBuffer.allocate(8).putLong(length).array();
        }

        @Override
        public Long deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1 || serialized.length != 8) {
                throw new IOException("unknown file-sink state (version " + version + ")");
            }
            return ByteBuffer.wrap(serialized).getLong();
        }
    }
}
