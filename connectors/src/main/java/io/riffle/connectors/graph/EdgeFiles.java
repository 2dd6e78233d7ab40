package io.riffle.connectors.graph;

import io.riffle.connectors.codec.Decoded;
import io.riffle.connectors.codec.RecordCodec;
import io.riffle.connectors.file.BoundedLineReader;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.graph.event.EdgeEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.flink.connector.file.src.FileSource;

/**
 * Edge files before a job reads them: a scan that says whether a file is in time order and how many features its
 * records carry, and a time-sorted copy for files that are not in order (SNAP's email-Eu-core-temporal is not).
 *
 * <p><b>Why sort before the job.</b> The learner must see interactions in time order. A job can reorder records only
 * within its allowed lateness; a file whose times jump back by months would need a lateness of months, holding that
 * much of the stream in the learner's buffer. Sorting a recorded file once, up front, costs one pass and memory for
 * the file's lines. The copy keeps every record's original line number, so dead letters point into the user's
 * file, and ties in time keep the file's order (the sort is by time, then line).
 *
 * <p>The copy's lines are {@code <line number>\t<T|E>\t<text or read error>}; {@link #sortedSource} reads them back
 * as the original records. Lines that do not decode (and blank, comment or header lines) sort first: they are
 * dead-lettered or skipped wherever they are.
 */
public final class EdgeFiles {
    private EdgeFiles() {}

    /**
     * What a scan found.
     *
     * @param lines              lines in the file
     * @param edges              lines that decode to an edge
     * @param inTimeOrder        whether the edges' times never decrease
     * @param backwardSteps      how many edges are earlier than an edge before them
     * @param firstFeatureWidth  features of the first edge, or -1 when there is none
     */
    public record Scan(long lines, long edges, boolean inTimeOrder, long backwardSteps, int firstFeatureWidth) {}

    /** Reads {@code file} (plain or gzip) once with {@code spec}'s codec. */
    public static Scan scan(Path file, EdgeCodecSpec spec, int maxRecordBytes) throws IOException {
        RecordCodec<EdgeEvent> codec = spec.create();
        long lines = 0;
        long edges = 0;
        long backward = 0;
        long last = Long.MIN_VALUE;
        int width = -1;
        try (InputStream in = open(file)) {
            BoundedLineReader reader = new BoundedLineReader(in, maxRecordBytes);
            BoundedLineReader.Line line;
            while ((line = reader.next()) != null) {
                lines++;
                if (line.error() != null) {
                    continue;
                }
                Decoded<EdgeEvent> d = codec.decode(SourceRecord.line(file.toString(), 0, line.number(),
                        line.text()));
                if (d.value() == null) {
                    continue;
                }
                edges++;
                if (width < 0) {
                    width = d.value().features().length;
                }
                if (d.value().time() < last) {
                    backward++;
                }
                last = Math.max(last, d.value().time());
            }
        }
        return new Scan(lines, edges, backward == 0, backward, width);
    }

    /**
     * Writes the lines of {@code file} sorted by (time, line number) to {@code target} in the copy format above.
     * Holds the file's lines in memory.
     *
     * @return the number of lines written
     */
    public static long sortInto(Path file, EdgeCodecSpec spec, int maxRecordBytes, Path target) throws IOException {
        List<Entry> entries = sorted(file, spec, maxRecordBytes);
        write(target, entries, true);
        return entries.size();
    }

    /**
     * Writes the readable lines of {@code file}, unchanged, sorted by (time, line number) to {@code target} as plain
     * text (for {@code riffle kafka load}, which sends them in that order). Lines that do not decode come first.
     * Holds the file's lines in memory.
     *
     * @return the number of lines written
     */
    public static long sortLinesInto(Path file, EdgeCodecSpec spec, int maxRecordBytes, Path target)
            throws IOException {
        List<Entry> entries = sorted(file, spec, maxRecordBytes);
        entries.removeIf(Entry::error);
        write(target, entries, false);
        return entries.size();
    }

    private record Entry(long time, long line, boolean error, String text) {}

    private static List<Entry> sorted(Path file, EdgeCodecSpec spec, int maxRecordBytes) throws IOException {
        RecordCodec<EdgeEvent> codec = spec.create();
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = open(file)) {
            BoundedLineReader reader = new BoundedLineReader(in, maxRecordBytes);
            BoundedLineReader.Line line;
            while ((line = reader.next()) != null) {
                if (line.error() != null) {
                    entries.add(new Entry(Long.MIN_VALUE, line.number(), true, line.error()));
                    continue;
                }
                Decoded<EdgeEvent> d = codec.decode(SourceRecord.line(file.toString(), 0, line.number(),
                        line.text()));
                long t = d.value() == null ? Long.MIN_VALUE : d.value().time();
                entries.add(new Entry(t, line.number(), false, line.text()));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::time).thenComparingLong(Entry::line));
        return entries;
    }

    private static void write(Path target, List<Entry> entries, boolean copyFormat) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".tmp");
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8),
                1 << 16)) {
            for (Entry e : entries) {
                if (copyFormat) {
                    w.write(Long.toString(e.line()));
                    w.write(e.error() ? "\tE\t" : "\tT\t");
                }
                w.write(e.text().replace('\n', ' '));
                w.write('\n');
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * A file source over a copy written by {@link #sortInto}: its records carry the original file's name and line
     * numbers (and {@code sourceIndex} in their sequence numbers), as if the original had been read in time order.
     */
    public static FileSource<SourceRecord> sortedSource(Path sortedCopy, String originalName, int sourceIndex,
                                                       int maxRecordBytes) {
        return FileSource.forRecordStreamFormat(new SortedLineFormat(originalName, sourceIndex, maxRecordBytes),
                        new org.apache.flink.core.fs.Path(sortedCopy.toAbsolutePath().toUri()))
                .build();
    }

    static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".gz") || name.endsWith(".gzip") ? new GZIPInputStream(raw, 1 << 16) : raw;
    }
}
