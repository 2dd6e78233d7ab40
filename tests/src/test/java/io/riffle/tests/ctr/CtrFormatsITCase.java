package io.riffle.tests.ctr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riffle.streaming.cli.Riffle;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code riffle run ctr} on files in the public Criteo, Avazu, libSVM and CSV layouts, through the command line. */
class CtrFormatsITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path fixture(String name) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/ctr/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private JsonNode run(String... args) throws Exception {
        int exit = Riffle.execute(args);
        assertThat(exit).as("exit code").isZero();
        Path out = Path.of(args[java.util.Arrays.asList(args).indexOf("--out") + 1]);
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void criteoRowsAreScoredAndLearnedAndBeatTheConstantRate() throws Exception {
        Path input = fixture("criteo-sample.txt");
        JsonNode s = run("run", "ctr", "--input", input.toString(), "--format", "criteo", "--out",
                dir.resolve("out").toString(), "--ftrl-alpha", "0.3", "--bits", "16");
        assertThat(s.get("events").asLong()).isEqualTo(400);
        assertThat(s.get("predictions").asLong()).isEqualTo(400);
        assertThat(s.get("labels").asLong()).isEqualTo(400);
        assertThat(s.get("deadLetters").asLong()).isZero();
        assertThat(s.get("progressiveLogLoss").asDouble()).isLessThan(s.get("baselineLogLoss").asDouble());
        String first = Files.readAllLines(dir.resolve("out/predictions.jsonl")).get(0);
        assertThat(first).startsWith("{\"id\":\"1\",\"time\":0,\"score\":0.5,\"modelVersion\":0}");
    }

    @Test
    void avazuRowsTakeEventTimeFromTheHourColumn() throws Exception {
        Path input = fixture("avazu-sample.csv");
        JsonNode s = run("run", "ctr", "--input", input.toString(), "--format", "avazu", "--out",
                dir.resolve("out").toString(), "--bits", "16", "--publish-interval", "1h");
        assertThat(s.get("events").asLong()).isEqualTo(400);
        assertThat(s.get("deadLetters").asLong()).isZero();
        List<String> predictions = Files.readAllLines(dir.resolve("out/predictions.jsonl"));
        // 2014-10-21 00:00 UTC
        assertThat(predictions.get(0)).contains("\"id\":\"10000000000000000000\",\"time\":1413849600000");
        // one version per hour of the day that had clicks learned before it
        assertThat(s.get("modelVersion").asLong()).isBetween(20L, 24L);
    }

    @Test
    void avazuWithALabelDelayJoinsTheSplitLabels() throws Exception {
        Path input = fixture("avazu-sample.csv");
        JsonNode s = run("run", "ctr", "--input", input.toString(), "--format", "avazu", "--out",
                dir.resolve("out").toString(), "--bits", "16", "--label-delay", "5m", "--attribution-window", "10m");
        assertThat(s.get("events").asLong()).isEqualTo(400);
        assertThat(s.get("labels").asLong()).isEqualTo(400);
        assertThat(s.get("examples").asLong()).isEqualTo(400);
    }

    @Test
    void libsvmAndCsvInputsRun() throws Exception {
        Path libsvm = dir.resolve("in.libsvm");
        Files.write(libsvm, List.of("1 3:1 7:0.5", "-1 3:1 8:1", "+1 qid:4 7:1 # comment", "0 9:2"));
        JsonNode a = run("run", "ctr", "--input", libsvm.toString(), "--format", "libsvm", "--out",
                dir.resolve("a").toString(), "--bits", "12");
        assertThat(a.get("events").asLong()).isEqualTo(4);
        assertThat(a.get("examples").asLong()).isEqualTo(4);

        Path csv = dir.resolve("in.csv");
        Files.write(csv, List.of("ad_id;ts;site;price;clicked", "x1;2026-11-01T00:00:00Z;a;0.5;1",
                "x2;2026-11-01T00:00:01Z;b;0.25;0", "x3;2026-11-01T00:00:02Z;a;0.75;"));
        JsonNode b = run("run", "ctr", "--input", csv.toString(), "--format", "csv", "--csv-delimiter", ";",
                "--csv-columns", "id=ad_id,time=ts,label=clicked,numeric=price", "--out", dir.resolve("b").toString(),
                "--bits", "12");
        assertThat(b.get("events").asLong()).isEqualTo(3);
        assertThat(b.get("examples").asLong()).isEqualTo(2);
        assertThat(Files.readAllLines(dir.resolve("b/predictions.jsonl")).get(2))
                .startsWith("{\"id\":\"x3\",\"time\":1793491202000");
    }

    @Test
    void aSavedModelWarmStartsTheNextRunAndKeepsCountingVersions() throws Exception {
        Path input = fixture("criteo-sample.txt");
        JsonNode first = run("run", "ctr", "--input", input.toString(), "--format", "criteo", "--out",
                dir.resolve("first").toString(), "--bits", "16", "--ftrl-alpha", "0.3");
        JsonNode second = run("run", "ctr", "--input", input.toString(), "--format", "criteo", "--out",
                dir.resolve("second").toString(), "--bits", "16", "--ftrl-alpha", "0.3", "--init-model",
                dir.resolve("first/model.riffle").toString());
        assertThat(second.get("modelVersion").asLong()).isGreaterThan(first.get("modelVersion").asLong());
        assertThat(second.get("progressiveLogLoss").asDouble()).isLessThan(first.get("progressiveLogLoss").asDouble());
        assertThat(Files.readAllLines(dir.resolve("second/predictions.jsonl")).get(0))
                .contains("\"modelVersion\":" + first.get("modelVersion").asLong()).doesNotContain("\"score\":0.5,");
    }

    @Test
    void aBadOptionFailsWithAMessageThatSaysWhatToFix() {
        assertThat(Riffle.execute("run", "ctr", "--input", "nope.txt", "--out", dir.toString(), "--bits", "40"))
                .isEqualTo(2);
        assertThat(Riffle.execute("run", "ctr", "--input", dir.resolve("missing.jsonl").toString(), "--out",
                dir.toString())).isEqualTo(2);
    }
}
