package io.riffle.connectors.graph;

import io.riffle.connectors.file.BoundedLineReader;
import io.riffle.connectors.source.SourceRecord;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a time-sorted copy ({@link EdgeFiles#sortInto}) back as the original file's records: each line's prefix gives
 * the original line number and whether the original line was readable. Not splittable, so a restore re-reads the copy
 * and skips what was emitted, as for any replayed file.
 */
final class SortedLineFormat extends SimpleStreamFormat<SourceRecord> {
    private final String source;
    private final int sourceIndex;
    private final int maxRecordBytes;

    SortedLineFormat(String source, int sourceIndex, int maxRecordBytes) {
        this.source = source;
        this.sourceIndex = sourceIndex;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public StreamFormat.Reader<SourceRecord> createReader(Configuration config, FSDataInputStream stream) {
        // The copy's lines are the original's plus a prefix of at most 23 bytes.
        BoundedLineReader lines = new BoundedLineReader(stream, maxRecordBytes + 32);
        return new StreamFormat.Reader<>() {
            @Override
            public SourceRecord read() throws IOException {
                BoundedLineReader.Line line = lines.next();
                if (line == null) {
                    return null;
                }
                String text = line.text();
                int tab = text == null ? -1 : text.indexOf('\t');
                if (line.error() != null || tab < 0 || text.length() < tab + 3) {
                    throw new IOException("the sorted copy of " + source + " is damaged at its line " + line.number()
                            + "; delete it and run again");
                }
                long original = Long.parseLong(text.substring(0, tab));
                String body = text.substring(tab + 3);
                if (text.charAt(tab + 1) == 'E') {
                    return SourceRecord.unreadable(source, sourceIndex, original, body, "");
                }
                return SourceRecord.line(source, sourceIndex, original, body);
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        };
    }

    @Override
    public TypeInformation<SourceRecord> getProducedType() {
        return TypeInformation.of(SourceRecord.class);
    }
}
