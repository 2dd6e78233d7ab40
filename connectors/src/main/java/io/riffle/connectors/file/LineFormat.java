package io.riffle.connectors.file;

import io.riffle.connectors.source.SourceRecord;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads one file as {@link SourceRecord}s, one per line, through a {@link BoundedLineReader}: lines that are too long,
 * not UTF-8, or cut by a truncated gzip become records with an error instead of failing the job. Files ending in
 * {@code .gz} are decompressed by Flink's file source before they reach this format.
 *
 * <p>Not splittable: a file is read in order by one reader, so line numbers are exact and a restore re-reads the file
 * and skips the records already emitted (Flink's {@code CheckpointedPosition}).
 */
public final class LineFormat extends SimpleStreamFormat<SourceRecord> {
    private final String source;
    private final int sourceIndex;
    private final int maxRecordBytes;

    /**
     * @param source         the name records carry (the file path)
     * @param sourceIndex    this input's index, for {@code SourcePosition}
     * @param maxRecordBytes longer lines are dead-lettered
     */
    public LineFormat(String source, int sourceIndex, int maxRecordBytes) {
        this.source = source;
        this.sourceIndex = sourceIndex;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public StreamFormat.Reader<SourceRecord> createReader(Configuration config, FSDataInputStream stream) {
        BoundedLineReader lines = new BoundedLineReader(stream, maxRecordBytes);
        return new StreamFormat.Reader<>() {
            @Override
            public SourceRecord read() {
                BoundedLineReader.Line line = lines.next();
                if (line == null) {
                    return null;
                }
                if (line.error() != null) {
                    return SourceRecord.unreadable(source, sourceIndex, line.number(), line.error(), "");
                }
                return SourceRecord.line(source, sourceIndex, line.number(), line.text());
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
