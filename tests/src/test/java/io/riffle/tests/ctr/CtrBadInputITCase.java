package io.riffle.tests.ctr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riffle.streaming.ctr.CtrOutputs;
import io.riffle.streaming.ctr.CtrRun;
import io.riffle.streaming.ctr.CtrSummary;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad records are dead-lettered with their reason and line, the good records around them are processed, the job
 * finishes, and the summary adds up: events = predictions + dead letters of impressions.
 */
class CtrBadInputITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyKindOfBadJsonLineIsDeadLetteredAndTheRestIsUsed() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<Integer, String> expected = new LinkedHashMap<>();
        List<String> good = new ArrayList<>();
        int line = 0;
        for (int i = 0; i < 40; i++) {
            good.add("{\"id\":\"g" + i + "\",\"time\":" + (1000 + i * 10) + ",\"features\":{\"site\":\"s" + (i % 3)
                    + "\"},\"label\":" + (i % 2) + "}");
        }
        String[][] bad = {
            {"{\"id\":\"t1\",\"time\":1100,\"features\":{\"site\":", "not valid JSON"},
            {"{\"id\":\"w1\",\"time\":1110,\"features\":{\"site\":\"x\"},\"numeric\":{\"p\":\"high\"}}",
                "numeric.p must be a number"},
            {"{\"id\":\"n1\",\"time\":1120,\"features\":{\"site\":\"x\"},\"numeric\":{\"p\":NaN}}", "not valid JSON"},
            {"{\"id\":\"i1\",\"time\":1130,\"features\":{\"site\":\"x\"},\"numeric\":{\"p\":1e999}}", "not finite"},
            {"{\"id\":\"u1\",\"time\":1140,\"features\":{\"site\":\"x\"},\"colour\":\"red\"}", "unknown field"},
            {"{\"id\":null,\"time\":1150,\"features\":{\"site\":\"x\"}}", "\"id\" must be"},
            {"{\"time\":1160,\"features\":{\"site\":\"x\"}}", "missing \"id\""},
            {"{\"id\":\"f1\",\"time\":1170,\"features\":{\"site\":null}}", "features.site must be"},
            {"[1,2,3]", "must be a JSON object"},
            {"{\"id\":\"x\",\"time\":1180}", "neither an impression"},
            {"{\"id\":\"l1\",\"time\":1190,\"features\":{\"site\":\"x\"},\"label\":7}", "\"label\" must be 0 or 1"},
            {"{\"id\":\"late\",\"time\":5,\"features\":{\"site\":\"x\"}}", "late: event time 5"},
        };
        int b = 0;
        for (int i = 0; i < good.size(); i++) {
            write(bytes, good.get(i));
            line++;
            if (i % 3 == 1 && b < bad.length) {
                write(bytes, bad[b][0]);
                line++;
                expected.put(line, bad[b][1]);
                b++;
            }
        }
        bytes.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0x00, '\n'});
        expected.put(++line, "not valid UTF-8");
        write(bytes, "{\"id\":\"huge\",\"time\":2000,\"features\":{\"site\":\"" + "x".repeat(5000) + "\"}}");
        expected.put(++line, "longer than the limit of 4096 bytes");
        write(bytes, "");
        line++;
        write(bytes, good.get(0).replace("\"g0\"", "\"after\"").replace(":1000,", ":2100,"));
        line++;
        Path input = dir.resolve("bad.jsonl");
        Files.write(input, bytes.toByteArray());

        CtrOutputs out = new CtrOutputs(dir.resolve("out"));
        CtrSummary summary = CtrRun.run(new CtrRun.Request(CtrTestJobs.jsonl(0), input, null, 4096, out,
                CtrTestJobs.runtime(dir.resolve("state"), null, 0)), null);

        Map<Long, String> reasons = new LinkedHashMap<>();
        for (String dead : Files.readAllLines(out.deadLetters())) {
            JsonNode d = JSON.readTree(dead);
            assertThat(d.get("source").asText()).isEqualTo(input.toString());
            reasons.put(d.get("position").asLong(), d.get("reason").asText());
        }
        assertThat(reasons.keySet()).containsExactlyInAnyOrderElementsOf(
                expected.keySet().stream().map(Integer::longValue).toList());
        expected.forEach((position, reason) -> assertThat(reasons.get((long) position)).contains(reason));

        assertThat(summary.predictions()).isEqualTo(good.size() + 1);
        assertThat(summary.events()).isEqualTo(summary.predictions() + summary.deadLettersByKind()
                .getOrDefault("impression", 0L) + summary.deadLettersByKind().getOrDefault("unknown", 0L));
        assertThat(summary.events()).isEqualTo(good.size() + 1 + expected.size());
        assertThat(summary.examples()).as("the good rows and the last one carry labels").isEqualTo(good.size() + 1);
    }

    @Test
    void criteoRowsWithWrongFieldCountsOrNumbersAreDeadLettered() throws Exception {
        String goodRow = "1\t" + String.join("\t", Arrays.asList("1", "2", "", "4", "5", "6", "7", "8", "9", "10",
                "11", "12", "13")) + "\t" + "\ta".repeat(26).substring(1);
        Path input = dir.resolve("bad.criteo");
        Files.write(input, List.of(goodRow, "1\t2\t3", goodRow.replaceFirst("\t2\t", "\tzwei\t"),
                goodRow.replaceFirst("^1", "7"), goodRow.substring(2), goodRow));
        int exit = io.riffle.streaming.cli.Riffle.execute("run", "ctr", "--input", input.toString(), "--format",
                "criteo", "--out", dir.resolve("out").toString(), "--bits", "12");
        assertThat(exit).isZero();
        List<String> dead = Files.readAllLines(dir.resolve("out/dead-letters.jsonl"));
        assertThat(dead).hasSize(3);
        assertThat(dead.get(0)).contains("\"position\":2").contains("expected 40 tab-separated fields");
        assertThat(dead.get(1)).contains("\"position\":3").contains("I2 is not an integer: 'zwei'");
        assertThat(dead.get(2)).contains("\"position\":4").contains("label must be 0 or 1");
        JsonNode s = JSON.readTree(dir.resolve("out/summary.json").toFile());
        assertThat(s.get("events").asLong()).isEqualTo(6);
        assertThat(s.get("predictions").asLong()).isEqualTo(3);
    }

    @Test
    void aGzipFileThatEndsEarlyKeepsItsGoodLinesAndDeadLettersTheBreak() throws Exception {
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(full)) {
            for (int i = 0; i < 3000; i++) {
                gz.write(("{\"id\":\"z" + i + "\",\"time\":" + i + ",\"features\":{\"site\":\"s" + (i % 50)
                        + "\",\"ad\":\"a" + (i * 7919 % 1000) + "\"},\"label\":" + (i % 5 == 0 ? 1 : 0) + "}\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] all = full.toByteArray();
        Path input = dir.resolve("cut.jsonl.gz");
        Files.write(input, Arrays.copyOf(all, all.length * 2 / 3));

        CtrOutputs out = new CtrOutputs(dir.resolve("out"));
        CtrSummary summary = CtrRun.run(new CtrRun.Request(CtrTestJobs.jsonl(0), input, null, 1 << 20, out,
                CtrTestJobs.runtime(dir.resolve("state"), null, 0)), null);
        assertThat(summary.predictions()).isBetween(500L, 2999L);
        List<String> dead = Files.readAllLines(out.deadLetters());
        assertThat(dead).last().asString().contains("ended early");
    }

    @Test
    void anEmptyFileFinishesWithZeroEvents() throws Exception {
        Path input = dir.resolve("empty.jsonl");
        Files.write(input, new byte[0]);
        CtrOutputs out = new CtrOutputs(dir.resolve("out"));
        CtrSummary summary = CtrRun.run(new CtrRun.Request(CtrTestJobs.jsonl(0), input, null, 1 << 20, out,
                CtrTestJobs.runtime(dir.resolve("state"), null, 0)), null);
        assertThat(summary.events()).isZero();
        assertThat(summary.deadLetters()).isZero();
        assertThat(Files.exists(out.model())).isTrue();
    }

    private static void write(ByteArrayOutputStream out, String line) {
        out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
