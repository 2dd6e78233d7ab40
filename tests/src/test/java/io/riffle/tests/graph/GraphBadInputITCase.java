package io.riffle.tests.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riffle.connectors.graph.EdgeCodecSpec;
import io.riffle.connectors.graph.EdgeFormat;
import io.riffle.models.graph.TgnConfig;
import io.riffle.streaming.graph.GraphInput;
import io.riffle.streaming.graph.GraphJobConfig;
import io.riffle.streaming.graph.GraphOutputs;
import io.riffle.streaming.graph.GraphRun;
import io.riffle.streaming.graph.GraphSummary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad edge records — self-loops, non-integer or missing ids, missing times, time going back beyond the allowed
 * lateness, NaN features, a wrong feature width, broken JSON, bad bytes — are dead-lettered with their reason and line;
 * the good records around them are scored and learned; the summary adds up: events = interactions + dead letters.
 */
class GraphBadInputITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyKindOfBadJsonLineIsDeadLetteredAndTheRestIsUsed() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<Integer, String> expected = new LinkedHashMap<>();
        int good = 0;
        int line = 0;
        String[][] bad = {
            {"{\"src\":\"a\",\"dst\":\"a\",\"time\":%d,\"features\":[1,2]}", "self-loop"},
            {"{\"src\":\"a\",\"dst\":\"b\",\"features\":[1,2]}", "missing \"time\""},
            {"{\"src\":\"a\",\"dst\":\"b\",\"time\":%d,\"features\":[1,NaN]}", "edge feature 1 is NaN"},
            {"{\"src\":\"a\",\"dst\":\"b\",\"time\":%d,\"features\":[1,2,3]}", "wrong feature width: 3"},
            {"{\"src\":\"a\",\"dst\":\"b\",\"time\":%d}", "wrong feature width: 0"},
            {"{\"src\":\"\",\"dst\":\"b\",\"time\":%d,\"features\":[1,2]}", "\"src\" must be a non-empty string"},
            {"{\"src\":1.5,\"dst\":\"b\",\"time\":%d,\"features\":[1,2]}", "\"src\" must be a non-empty string"},
            {"{\"dst\":\"b\",\"time\":%d,\"features\":[1,2]}", "missing \"src\""},
            {"{\"src\":\"a\",\"dst\":\"b\",\"time\":%d,\"features\":[1,2],\"w\":1}", "unknown field \"w\""},
            {"{\"src\":\"a\",\"dst\":\"b\",\"time\":%d,\"features\":[1,2]", "not valid JSON"},
            {"{\"src\":\"a\",\"dst\":\"b\",\"time\":5,\"features\":[1,2]}", "late: event time 5"},
        };
        int b = 0;
        for (int i = 0; i < 60; i++) {
            long t = 1_000_000 + i * 60_000L;
            line++;
            good++;
            write(bytes, "{\"src\":\"n" + (i % 7) + "\",\"dst\":\"m" + (i % 5) + "\",\"time\":" + t
                    + ",\"features\":[0.5," + (i % 3) + "],\"label\":" + (i % 2) + "}");
            if (i % 4 == 1 && b < bad.length) {
                line++;
                write(bytes, String.format(bad[b][0], t));
                expected.put(line, bad[b][1]);
                b++;
            }
        }
        bytes.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0x00, '\n'});
        expected.put(++line, "not valid UTF-8");
        write(bytes, "{\"src\":\"a\",\"dst\":\"b\",\"time\":9000000,\"features\":[1,2]," + "\"x\":\"" + "y".repeat(5000)
                + "\"}");
        expected.put(++line, "longer than the limit of 4096 bytes");
        write(bytes, "");
        line++;
        Path input = dir.resolve("bad.jsonl");
        Files.write(input, bytes.toByteArray());

        TgnConfig model = TgnConfig.defaults().withDimensions(8, 8, 8).withEdgeFeatureDim(2);
        EdgeCodecSpec codec = EdgeCodecSpec.of(EdgeFormat.JSONL).withFeatureWidth(2);
        GraphJobConfig config = new GraphJobConfig("g", model, codec, 1, 60_000, 3_600_000, 0, 1000, 0, 1, null, 0);
        // --sort never: the late record stays where it is and is dead-lettered as late
        GraphInput scanned = GraphInput.of(input, codec, GraphInput.Sort.NEVER, 4096);
        GraphOutputs out = new GraphOutputs(dir.resolve("out"));
        GraphSummary summary = GraphRun.run(new GraphRun.Request(config, scanned, 4096, out,
                GraphTestJobs.runtime(dir.resolve("state"), null, 0)), null);

        Map<Long, String> reasons = new LinkedHashMap<>();
        for (String dead : Files.readAllLines(out.deadLetters())) {
            JsonNode d = JSON.readTree(dead);
            assertThat(d.get("source").asText()).isEqualTo(input.toString());
            reasons.put(d.get("position").asLong(), d.get("reason").asText());
        }
        assertThat(reasons.keySet()).containsExactlyElementsOf(
                expected.keySet().stream().map(Integer::longValue).toList());
        expected.forEach((position, reason) -> assertThat(reasons.get((long) position)).contains(reason));
        assertThat(summary.interactions()).isEqualTo(good);
        assertThat(summary.events()).isEqualTo(good + expected.size());
        assertThat(summary.deadLettersByKind()).containsOnlyKeys("edge", "unknown");
        String first = Files.readAllLines(out.predictions()).get(0);
        assertThat(first).startsWith("{\"src\":\"n0\",\"dst\":\"m0\",\"time\":1000000,\"score\":")
                .endsWith(",\"edgeBank\":0,\"recency\":0.0,\"modelStep\":0,\"label\":0}");
    }

    @Test
    void aDuplicateTimeGoingBackWithinTheLatenessIsReorderedNotDropped() throws Exception {
        Path input = dir.resolve("late.txt");
        Files.writeString(input, "1 2 100\n2 3 130\n3 4 120\n4 5 10\n5 6 140\n");
        var s = io.riffle.streaming.cli.Riffle.execute("run", "graph", "--input", input.toString(), "--format", "snap",
                "--sort", "never", "--allowed-lateness", "15s", "--out", dir.resolve("o").toString(), "--memory-dim",
                "4", "--time-dim", "4", "--decoder-hidden", "4");
        assertThat(s).isZero();
        assertThat(Files.readAllLines(dir.resolve("o/predictions.jsonl"))).extracting(l -> JSON.readTree(l)
                .get("time").asLong()).containsExactly(100_000L, 120_000L, 130_000L, 140_000L);
        assertThat(Files.readString(dir.resolve("o/dead-letters.jsonl"))).contains("\"position\":4")
                .contains("late: event time 10000 is 120000 ms behind");
    }

    private static void write(ByteArrayOutputStream out, String line) {
        out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
