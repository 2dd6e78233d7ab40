package io.riffle.connectors.file;

import io.riffle.connectors.source.SourceRecord;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.flink.connector.file.src.FileSource;

/** Builds Flink file sources that replay a recorded file line by line, and checks the file before a job starts. */
public final class LineFileSource {
    /** Lines longer than this are dead-lettered unless configured otherwise. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    private LineFileSource() {}

    public static FileSource<SourceRecord> of(Path file, int sourceIndex, int maxRecordBytes) {
        String name = file.toString();
        return FileSource.forRecordStreamFormat(new LineFormat(name, sourceIndex, maxRecordBytes),
                        new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri()))
                .build();
    }

    /**
     * Fails with a message a user can act on when {@code file} cannot be replayed: missing, a directory, unreadable,
     * or named {@code .gz} without a gzip header. Damage inside the file is not checked here: it is dead-lettered
     * record by record while the job runs.
     */
    public static void check(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("input file " + file + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("input " + file + " is a directory; give a file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("input file " + file + " is not readable");
        }
        if (isGzip(file)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                in.read();
            } catch (EOFException e) {
                throw new IllegalArgumentException("input file " + file + " is named .gz but is empty or ends inside"
                        + " the gzip header");
            } catch (IOException e) {
                throw new IllegalArgumentException("input file " + file + " is named .gz but is not gzip: "
                        + e.getMessage());
            }
        }
    }

    /** The first line of {@code file} (plain or gzip, as the source reads it), or null when the file is empty. */
    public static String firstLine(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = isGzip(file) ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.readLine();
        }
    }

    static boolean isGzip(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".gz") || name.endsWith(".gzip");
    }
}
