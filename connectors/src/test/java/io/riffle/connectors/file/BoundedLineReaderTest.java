package io.riffle.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {
    private static List<BoundedLineReader.Line> read(byte[] bytes, int max) {
        BoundedLineReader reader = new BoundedLineReader(new ByteArrayInputStream(bytes), max);
        List<BoundedLineReader.Line> lines = new ArrayList<>();
        for (BoundedLineReader.Line l = reader.next(); l != null; l = reader.next()) {
            lines.add(l);
        }
        return lines;
    }

    @Test
    void splitsOnNewlinesDropsCarriageReturnsAndKeepsALastLineWithoutNewline() {
        var lines = read("a\r\nb\n\nc".getBytes(StandardCharsets.UTF_8), 100);
        assertThat(lines).extracting(BoundedLineReader.Line::text).containsExactly("a", "b", "", "c");
        assertThat(lines).extracting(BoundedLineReader.Line::number).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aTooLongLineBecomesAnErrorAndReadingGoesOn() {
        var lines = read(("ok\n" + "x".repeat(50) + "\nafter\n").getBytes(StandardCharsets.UTF_8), 10);
        assertThat(lines.get(1).text()).isNull();
        assertThat(lines.get(1).error()).contains("record is 50 bytes, longer than the limit of 10 bytes");
        assertThat(lines.get(2).text()).isEqualTo("after");
        assertThat(lines.get(2).number()).isEqualTo(3);
    }

    @Test
    void bytesThatAreNotUtf8BecomeAnErrorButUnicodeIsKept() {
        byte[] bytes = {'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n', (byte) 0xC3, (byte) 0xA9, '\n'};
        var lines = read(bytes, 100);
        assertThat(lines.get(1).error()).contains("not valid UTF-8");
        assertThat(lines.get(2).text()).isEqualTo("é");
    }

    @Test
    void aGzipStreamThatEndsEarlyGivesItsLinesThenOneError() throws Exception {
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(full)) {
            for (int i = 0; i < 20_000; i++) {
                gz.write(("line " + i + " " + (i * 7919L % 100_003) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] cut = Arrays.copyOf(full.toByteArray(), full.size() / 2);
        BoundedLineReader reader = new BoundedLineReader(new GZIPInputStream(new ByteArrayInputStream(cut)), 100);
        List<BoundedLineReader.Line> lines = new ArrayList<>();
        for (BoundedLineReader.Line l = reader.next(); l != null; l = reader.next()) {
            lines.add(l);
        }
        assertThat(lines.size()).isBetween(1000, 19_999);
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(l -> l.error() == null);
        assertThat(lines.get(lines.size() - 1).error()).contains("ended early");
    }

    @Test
    void anEmptyStreamHasNoLines() {
        assertThat(read(new byte[0], 10)).isEmpty();
    }
}
