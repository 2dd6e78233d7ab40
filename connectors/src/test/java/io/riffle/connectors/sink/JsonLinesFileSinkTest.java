package io.riffle.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.models.event.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFileSinkTest {
    @TempDir
    Path dir;

    @Test
    void aRestoreTruncatesTheFileToTheCheckpointedLengthSoReplayedRecordsAreWrittenOnce() throws Exception {
        Path file = dir.resolve("p.jsonl");
        var sink = new JsonLinesFileSink<>(file, JsonLines.predictions(), false);
        StatefulSinkWriter<Prediction, Long> writer = sink.createWriter(null);
        writer.write(new Prediction("a", 1, 0.25, 3), null);
        List<Long> state = writer.snapshotState(1);
        writer.write(new Prediction("b", 2, 0.5, 3), null);
        writer.close();
        assertThat(Files.readAllLines(file)).hasSize(2);

        StatefulSinkWriter<Prediction, Long> restored = sink.restoreWriter(null, state);
        restored.write(new Prediction("b", 2, 0.5, 3), null);
        restored.close();
        assertThat(Files.readAllLines(file)).containsExactly(
                "{\"id\":\"a\",\"time\":1,\"score\":0.25,\"modelVersion\":3}",
                "{\"id\":\"b\",\"time\":2,\"score\":0.5,\"modelVersion\":3}");
    }

    @Test
    void stringsAreEscapedAndNonFiniteNumbersAreNull() {
        StringBuilder out = new StringBuilder();
        JsonLines.predictions().encode(new Prediction("q\"\n", 0, Double.NaN, 0), out);
        assertThat(out.toString()).isEqualTo("{\"id\":\"q\\\"\\n\",\"time\":0,\"score\":null,\"modelVersion\":0}");
    }

    @SuppressWarnings("unused")
    private static SinkWriter.Context noContext() {
        return null;
    }
}
