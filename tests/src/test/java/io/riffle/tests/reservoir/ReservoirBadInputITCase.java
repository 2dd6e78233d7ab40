package io.riffle.tests.reservoir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riffle.models.series.MackeyGlass;
import io.riffle.streaming.reservoir.ReservoirJobConfig;
import io.riffle.streaming.reservoir.ReservoirOutputs;
import io.riffle.streaming.reservoir.ReservoirRun;
import io.riffle.streaming.reservoir.ReservoirSummary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad points are dead-lettered with their reason and line, out-of-order points within the lateness are reordered,
 * a flood of new keys is capped, and the good keys' forecasts are exactly those of a clean input.
 */
class ReservoirBadInputITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double[] MG = MackeyGlass.reservoirPy().generate(600, 3);

    @TempDir
    Path dir;

    private static long time(long second) {
        return ReservoirTestJobs.START + second * 1000;
    }

    private static String point(String key, long second, double value) {
        return "{\"key\":\"" + key + "\",\"time\":" + time(second) + ",\"value\":" + value + "}";
    }

    /** Two keys, a point each per second, in order. */
    private static List<String> clean() {
        List<String> lines = new ArrayList<>();
        for (int t = 0; t < 300; t++) {
            lines.add(point("a", t, MG[t]));
            lines.add(point("b", t, MG[t + 200] * 10));
        }
        return lines;
    }

    private ReservoirSummary run(String name, byte[] input, ReservoirJobConfig config) throws Exception {
        Path file = dir.resolve(name + ".jsonl");
        Files.write(file, input);
        return ReservoirRun.run(new ReservoirRun.Request(config, file, 2048, new ReservoirOutputs(dir.resolve(name)),
                ReservoirTestJobs.runtime(dir.resolve(name + "-state"), null, 0)), null);
    }

    private static List<String> forecastsOf(Path predictions, String... keys) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(predictions)) {
            String key = JSON.readTree(line).get("key").asText();
            if (List.of(keys).contains(key)) {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void everyKindOfBadPointIsDeadLetteredAndTheGoodKeysForecastAsOnCleanInput() throws Exception {
        ReservoirJobConfig config = ReservoirTestJobs.config(0, 0, 6);
        ReservoirSummary reference = run("clean", String.join("\n", clean()).getBytes(StandardCharsets.UTF_8),
                config);
        assertThat(reference.deadLetters()).isZero();

        List<String> lines = new ArrayList<>(clean());
        // swap two neighbours of key a: out of order by 1 s, inside the 3 s lateness: reordered, not refused
        String swapped = lines.get(100);
        lines.set(100, lines.get(102));
        lines.set(102, swapped);
        // each bad line sits among the points of its own second s (so that only the late one is late)
        List<java.util.function.LongFunction<String[]>> bad = List.of(
            s -> new String[] {"{\"key\":\"a\",\"time\":" + time(s) + ",\"value\":NaN}", "is NaN"},
            s -> new String[] {"{\"key\":\"a\",\"time\":" + time(s) + ",\"value\":null}", "missing value"},
            s -> new String[] {"{\"key\":\"b\",\"time\":" + time(s) + "}", "missing value"},
            s -> new String[] {"{\"key\":\"b\",\"time\":" + time(s) + ",\"value\":\"high\"}",
                "must be a number"},
            s -> new String[] {"{\"key\":\"b\",\"time\":" + time(s) + ",\"value\":1,\"unit\":\"C\"}",
                "unknown field"},
            s -> new String[] {"{\"key\":\"b\",\"time\":" + time(s) + ",\"value\":", "not valid JSON"},
            s -> new String[] {point("a", s, 0.5), "duplicate: key 'a' already has a point at time"},
            s -> new String[] {point("a", s - 5, 0.5), "late: event time"},
            s -> new String[] {"{\"key\":\"b\",\"time\":" + time(s + 1) + ",\"values\":[1,2]}",
                "has 1 value(s) per point, this point has 2"});
        Map<Integer, String> expected = new LinkedHashMap<>();
        List<String> withBad = new ArrayList<>();
        int b = 0;
        for (int i = 0; i < lines.size(); i++) {
            withBad.add(lines.get(i));
            if (i % 20 == 1 && i >= 41 && b < bad.size()) {
                String[] line = bad.get(b).apply(i / 2);
                withBad.add(line[0]);
                expected.put(withBad.size(), line[1]);
                b++;
            }
        }
        assertThat(b).isEqualTo(bad.size());
        // a flood of new keys at second 250: four of them fit under --max-keys 6, the rest are refused
        int at = withBad.indexOf(point("a", 250, MG[250]));
        for (int k = 0; k < 50; k++) {
            withBad.add(at + 1 + k, point("flood-" + k, 250, k));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String l : withBad) {
            bytes.write((l + "\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.write(new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});
        bytes.write(("{\"key\":\"a\",\"time\":1,\"value\":\"" + "x".repeat(3000) + "\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        ReservoirSummary summary = run("bad", bytes.toByteArray(), config);

        Path out = dir.resolve("bad");
        Map<Long, String> reasons = new LinkedHashMap<>();
        int keyLimit = 0;
        for (String dead : Files.readAllLines(out.resolve("dead-letters.jsonl"))) {
            JsonNode d = JSON.readTree(dead);
            assertThat(d.get("source").asText()).endsWith("bad.jsonl");
            if (d.get("reason").asText().startsWith("key limit: 6 keys hold state (--max-keys 6)")) {
                keyLimit++;
                continue;
            }
            reasons.put(d.get("position").asLong(), d.get("reason").asText());
        }
        assertThat(keyLimit).isEqualTo(46);
        for (Map.Entry<Integer, String> e : expected.entrySet()) {
            int flooded = e.getKey() > at ? 50 : 0;
            assertThat(reasons.get((long) e.getKey() + flooded)).as("line " + e.getKey()).contains(e.getValue());
        }
        assertThat(reasons.values()).anySatisfy(r -> assertThat(r).contains("not valid UTF-8"));
        assertThat(reasons.values()).anySatisfy(r -> assertThat(r).contains("longer than the limit of 2048 bytes"));
        assertThat(reasons).hasSize(bad.size() + 2);

        // the job went on: keys a and b forecast exactly as on the clean input, and the flood's four keys too
        assertThat(forecastsOf(out.resolve("predictions.jsonl"), "a", "b"))
                .containsExactlyElementsOf(forecastsOf(dir.resolve("clean/predictions.jsonl"), "a", "b"));
        assertThat(summary.points()).isEqualTo(600 + 4);
        assertThat(summary.keys()).isEqualTo(6);
        assertThat(summary.deadLetters()).isEqualTo(bad.size() + 2 + 46);
    }

    @Test
    void keysThatStopExpireAndMakeRoomForNewOnes() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            lines.add(point("early-" + k, 0, k));
        }
        for (int t = 1; t < 200; t++) {
            lines.add(point("steady", t, MG[t]));
            if (t == 150) {
                lines.add(point("late-key", t, 1));
            }
        }
        // TTL 60 s, at most 6 keys: the five early keys stop at 0 and expire at 60 s, so late-key fits at 150 s
        ReservoirSummary s = run("ttl", String.join("\n", lines).getBytes(StandardCharsets.UTF_8),
                ReservoirTestJobs.config(0, 60_000, 6));
        assertThat(s.deadLetters()).isZero();
        assertThat(s.keys()).isEqualTo(7);
        assertThat(s.liveKeys()).isEqualTo(2);
        List<String> versions = Files.readAllLines(dir.resolve("ttl/model-versions.jsonl"));
        assertThat(versions.stream().filter(v -> v.contains("\"expired\":true"))).hasSize(5);
    }
}
