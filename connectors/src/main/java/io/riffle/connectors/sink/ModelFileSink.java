package io.riffle.connectors.sink;

import io.riffle.models.event.ModelSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** Stores each {@link ModelSnapshot} it receives at one path, atomically (a temporary file renamed over it). */
public final class ModelFileSink implements Sink<ModelSnapshot> {
    private final String path;

    public ModelFileSink(Path path) {
        this.path = path.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<ModelSnapshot> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(ModelSnapshot snapshot, Context context) throws IOException {
                Path target = Path.of(path);
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
                Files.write(tmp, snapshot.bytes());
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
