package io.riffle.streaming.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reading back the JSON-lines outputs (summaries, progress) and writing small JSON documents. */
public final class JsonFiles {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFiles() {}

    /** Number of lines (newline characters) in {@code file}; 0 if it does not exist. */
    public static long countLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    /** The last complete line of {@code file}, parsed; empty if there is none. Reads only the file's tail. */
    public static Optional<JsonNode> lastLine(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int tail = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[tail];
            raf.seek(length - tail);
            raf.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return Optional.empty();
            }
            int start = text.lastIndexOf('\n', end - 1) + 1;
            return Optional.of(MAPPER.readTree(text.substring(start, end)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * How many lines of a JSON-lines {@code file} have each value of the text field {@code field} ("unknown" where it
     * is missing), sorted by value; empty if the file does not exist.
     */
    public static Map<String, Long> countBy(Path file, String field) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        if (Files.exists(file)) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    counts.merge(MAPPER.readTree(line).path(field).asText("unknown"), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    public static void write(Path file, Map<String, ?> document) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        MAPPER.writeValue(file.toFile(), document);
    }
}
