package io.riffle.connectors.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.connectors.source.SourceRecord;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.local.LocalDataInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeFilesTest {
    @TempDir
    Path dir;

    @Test
    void scanSaysWhetherAFileIsInTimeOrderAndItsFeatureWidth() throws Exception {
        Path sorted = dir.resolve("a.jsonl");
        Files.writeString(sorted, "{\"src\":\"a\",\"dst\":\"b\",\"time\":1,\"features\":[1,2,3]}\nbad\n"
                + "{\"src\":\"b\",\"dst\":\"c\",\"time\":1}\n{\"src\":\"b\",\"dst\":\"c\",\"time\":5}\n");
        EdgeFiles.Scan scan = EdgeFiles.scan(sorted, EdgeCodecSpec.of(EdgeFormat.JSONL)
                .withFeatureWidth(EdgeCodecSpec.ANY_WIDTH), 1 << 20);
        assertThat(scan).isEqualTo(new EdgeFiles.Scan(4, 3, true, 0, 3));
        Path unsorted = gzip("u.txt.gz", "1 2 10\n2 3 5\n3 4 7\n");
        scan = EdgeFiles.scan(unsorted, EdgeCodecSpec.of(EdgeFormat.SNAP), 1 << 20);
        assertThat(scan.inTimeOrder()).isFalse();
        assertThat(scan.backwardSteps()).isEqualTo(2);
        assertThat(scan.firstFeatureWidth()).isZero();
    }

    @Test
    void theSortedCopyReadsBackAsTheOriginalRecordsInTimeOrder() throws Exception {
        Path input = gzip("email.txt.gz", "1 2 30\n2 3 10\nbad line here\n3 4 10\n# note\n4 5 20\n");
        Path copy = dir.resolve("work/email.sorted");
        long lines = EdgeFiles.sortInto(input, EdgeCodecSpec.of(EdgeFormat.SNAP), 1 << 20, copy);
        assertThat(lines).isEqualTo(6);
        List<SourceRecord> records = read(copy, input.toString());
        assertThat(records).extracting(SourceRecord::position).containsExactly(3L, 5L, 2L, 4L, 6L, 1L);
        assertThat(records).extracting(SourceRecord::text)
                .containsExactly("bad line here", "# note", "2 3 10", "3 4 10", "4 5 20", "1 2 30");
        assertThat(records).allSatisfy(r -> assertThat(r.source()).isEqualTo(input.toString()));
        assertThat(records.get(2).seq()).isEqualTo(io.riffle.models.event.SourcePosition.pack(0, 2));
    }

    @Test
    void unreadableLinesKeepTheirErrorAndPosition() throws Exception {
        Path input = dir.resolve("long.txt");
        Files.writeString(input, "1 2 5\n" + "9".repeat(100) + "\n2 3 1\n");
        Path copy = dir.resolve("long.sorted");
        EdgeFiles.sortInto(input, EdgeCodecSpec.of(EdgeFormat.SNAP), 50, copy);
        List<SourceRecord> records = read(copy, "long.txt");
        assertThat(records.get(0).readable()).isFalse();
        assertThat(records.get(0).position()).isEqualTo(2);
        assertThat(records.get(0).error()).contains("50");
        assertThat(records.subList(1, 3)).extracting(SourceRecord::position).containsExactly(3L, 1L);
    }

    private Path gzip(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static List<SourceRecord> read(Path copy, String name) throws Exception {
        List<SourceRecord> out = new ArrayList<>();
        File file = copy.toFile();
        try (var reader = new SortedLineFormat(name, 0, 1 << 20).createReader(new Configuration(),
                new LocalDataInputStream(file))) {
            SourceRecord r;
            while ((r = reader.read()) != null) {
                out.add(r);
            }
        }
        return out;
    }
}
