package io.riffle.connectors.reservoir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.riffle.connectors.codec.Decoded;
import io.riffle.connectors.codec.RecordCodec;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.reservoir.event.SeriesRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesCodecsTest {
    private static final RecordCodec<SeriesRow> JSON = new SeriesJsonCodec(1000, 4);

    private static SourceRecord line(long n, String text) {
        return SourceRecord.line("in", 0, n, text);
    }

    private static String failure(RecordCodec<SeriesRow> codec, String text) {
        Decoded<SeriesRow> d = codec.decode(line(7, text));
        assertThat(d.isFailure()).as(text).isTrue();
        assertThat(d.kind()).isEqualTo("point");
        return d.failure();
    }

    @Test
    void canonicalScalarAndVectorPoints() {
        SeriesRow r = JSON.decode(line(1, "{\"key\":\"sensor-7\",\"time\":1700000000000,\"value\":0.42}")).value();
        assertThat(r.keys()).containsExactly("sensor-7");
        assertThat(r.time()).isEqualTo(1700000000000L);
        assertThat(r.values()).containsExactly(0.42);
        assertThat(r.dims()).isEqualTo(1);
        assertThat(r.deadLetter()).isNull();
        SeriesRow v = JSON.decode(line(3, "{\"key\":12,\"time\":\"2026-11-01T00:00:00Z\",\"values\":[1,-2.5,3e2]}"))
                .value();
        assertThat(v.keys()).containsExactly("12");
        assertThat(v.time()).isEqualTo(1793491200000L);
        assertThat(v.values()).containsExactly(1, -2.5, 300);
        assertThat(v.dims()).isEqualTo(3);
    }

    @Test
    void withoutATimeEventTimeComesFromRowOrder() {
        assertThat(JSON.decode(line(4, "{\"key\":\"a\",\"value\":1}")).value().time()).isEqualTo(3000);
        assertThat(JSON.decode(line(5, "  ")).value()).isNull();
    }

    @Test
    void badPointsSayWhatIsWrong() {
        assertThat(failure(JSON, "{\"key\":\"a\",\"time\":1,\"value\":NaN}")).contains("\"value\" is NaN");
        assertThat(failure(JSON, "{\"key\":\"a\",\"time\":1,\"value\":1e999}")).contains("not finite");
        assertThat(failure(JSON, "{\"key\":\"a\",\"time\":1,\"value\":null}")).contains("missing value");
        assertThat(failure(JSON, "{\"key\":\"a\",\"time\":1}")).startsWith("missing value");
        assertThat(failure(JSON, "{\"key\":\"a\",\"time\":1,\"value\":\"0.4\"}"))
                .contains("\"value\" must be a number, got string");
        assertThat(failure(JSON, "{\"key\":\"a\",\"time\":1,\"values\":[1,null]}"))
                .contains("\"values[1]\" is null");
        assertThat(failure(JSON, "{\"key\":\"a\",\"time\":1,\"values\":[]}")).contains("is empty");
        assertThat(failure(JSON, "{\"key\":\"a\",\"time\":1,\"values\":[1,2,3,4,5]}"))
                .contains("more than the limit of 4 (--max-dims)");
        assertThat(failure(JSON, "{\"key\":\"a\",\"time\":1,\"value\":1,\"values\":[1]}")).contains("not both");
        assertThat(failure(JSON, "{\"time\":1,\"value\":1}")).contains("missing \"key\"");
        assertThat(failure(JSON, "{\"key\":\"\",\"time\":1,\"value\":1}")).contains("\"key\" must be");
        assertThat(failure(JSON, "{\"key\":\"a\",\"time\":true,\"value\":1}")).contains("\"time\" must be");
        assertThat(failure(JSON, "{\"key\":\"a\",\"time\":\"yesterday\",\"value\":1}")).contains("time 'yesterday'");
        assertThat(failure(JSON, "{\"key\":\"a\",\"time\":1,\"value\":1,\"unit\":\"C\"}")).contains("unknown field");
        assertThat(failure(JSON, "{\"key\":\"a\",\"key\":\"b\",\"value\":1}")).contains("not valid JSON");
        assertThat(failure(JSON, "{\"key\":\"a\",\"value\":1} x")).contains("not valid JSON");
        assertThat(failure(JSON, "[1]")).contains("must be a JSON object");
    }

    @Test
    void seriesTimesReadDatesAndMonthsAsUtc() {
        assertThat(SeriesTimes.parse("1749-01")).isEqualTo(-6974035200000L);
        assertThat(SeriesTimes.parse("2026-11-01")).isEqualTo(1793491200000L);
        assertThat(SeriesTimes.parse("2026-11-01T00:00")).isEqualTo(1793491200000L);
        assertThat(SeriesTimes.parse("1793491200000")).isEqualTo(1793491200000L);
    }

    @Test
    void wideCsvHasOneSeriesPerColumnAndDeadLettersOnlyTheBadCells() {
        List<String> header = List.of("Month", "north", "south", "note");
        RecordCodec<SeriesRow> codec = new SeriesCodecSpec(SeriesFormat.CSV, header,
                SeriesCsvColumns.parse("time=Month,ignore=note", ','), true, 1000, 8).create();
        assertThat(codec.decode(SourceRecord.line("in", 0, 1, "\"Month\",north,south,note")).value()).isNull();
        SeriesRow r = codec.decode(line(2, "\"1749-01\",58.0,12,x")).value();
        assertThat(r.keys()).containsExactly("north", "south");
        assertThat(r.values()).containsExactly(58.0, 12.0);
        assertThat(r.time()).isEqualTo(-6974035200000L);
        SeriesRow partial = codec.decode(line(3, "1749-02,,NaN?,y")).value();
        assertThat(partial).isNull();
        assertThat(codec.decode(line(3, "1749-02,,NaN?,y")).failure()).contains("no usable value")
                .contains("north: missing value").contains("south: not a number: 'NaN?'");
        SeriesRow some = codec.decode(line(4, "1749-03,61.5,,y")).value();
        assertThat(some.keys()).containsExactly("north");
        assertThat(some.deadLetter().reason()).contains("south: missing value");
        assertThat(some.deadLetter().position()).isEqualTo(4);
        assertThat(codec.decode(line(5, "1749-04,1,2")).failure()).contains("expected 4 fields, got 3");
        assertThat(codec.decode(line(6, "someday,1,2,y")).failure()).startsWith("Month: time 'someday'");
    }

    @Test
    void longCsvHasAKeyColumnAndVectorValues() {
        List<String> header = List.of("ts", "sensor", "x", "y");
        RecordCodec<SeriesRow> codec = new SeriesCodecSpec(SeriesFormat.CSV, header,
                SeriesCsvColumns.parse("key=sensor,time=ts", ','), true, 1000, 8).create();
        SeriesRow r = codec.decode(line(2, "1000,arm-1,0.5,-1")).value();
        assertThat(r.keys()).containsExactly("arm-1");
        assertThat(r.values()).containsExactly(0.5, -1.0);
        assertThat(r.dims()).isEqualTo(2);
        assertThat(codec.decode(line(3, "1000,arm-1,0.5,")).failure()).isEqualTo("y: missing value");
        assertThat(codec.decode(line(4, "1000,,0.5,1")).failure()).contains("missing key");
    }

    @Test
    void csvColumnRolesAreCheckedAgainstTheHeader() {
        List<String> header = List.of("t", "a");
        assertThatThrownBy(() -> SeriesCsvColumns.parse("time=t,value=b", ',').valueColumns(header))
                .hasMessageContaining("names column 'b', which the header does not have");
        assertThatThrownBy(() -> SeriesCsvColumns.parse("time=t,value=t", ',').valueColumns(header))
                .hasMessageContaining("names column 't' twice");
        assertThatThrownBy(() -> SeriesCsvColumns.parse("time=t,ignore=a", ',').valueColumns(header))
                .hasMessageContaining("no value column left");
        assertThatThrownBy(() -> SeriesCsvColumns.parse("label=a", ',')).hasMessageContaining("unknown");
    }

    @Test
    void theHeaderRowIsReadWithQuotes(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("s.csv");
        Files.writeString(csv, "\"Month\",\"Sunspots\"\r\n\"1749-01\",58.0\r\n");
        assertThat(SeriesCsvColumns.readHeader(csv, ',')).containsExactly("Month", "Sunspots");
    }

    @Test
    void generatorsStateTheirParametersAndTheLaserSliceIsBundled(@TempDir Path dir) throws Exception {
        Series laser = SeriesGenerators.santaFeLaser(10_000);
        assertThat(laser.length()).isEqualTo(5000);
        assertThat(laser.point(0)).containsExactly(86.0);
        assertThat(SeriesGenerators.narma10(50, 1).dims()).isEqualTo(2);
        assertThat(SeriesGenerators.narma10(50, 1).description()).contains("0.3 y(t) + 0.05 y(t)");
        assertThat(SeriesGenerators.lorenz(10, 1).dims()).isEqualTo(3);
        assertThat(SeriesGenerators.mackeyGlass(10, 1).description()).contains("tau=17");
        Path file = dir.resolve("s.jsonl");
        long n = SeriesGenerators.writeJsonLines(file, List.of(SeriesGenerators.mackeyGlass(3, 1),
                SeriesGenerators.lorenz(2, 1)), 1000, 10);
        assertThat(n).isEqualTo(5);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).startsWith("{\"key\":\"mackey-glass\",\"time\":1000,\"value\":");
        assertThat(lines.get(1)).startsWith("{\"key\":\"lorenz\",\"time\":1000,\"values\":[");
        assertThat(lines.get(4)).startsWith("{\"key\":\"mackey-glass\",\"time\":1020,");
        for (String l : lines) {
            assertThat(JSON.decode(line(1, l)).isFailure()).isFalse();
        }
    }
}
