package io.riffle.tests.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riffle.models.graph.GraphModelFile;
import io.riffle.streaming.cli.Riffle;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code riffle run graph} on JSON lines, JODIE CSV and SNAP edge lists, and {@code riffle demo graph}, end to end. */
class GraphFormatsITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SMALL = {"--memory-dim", "8", "--time-dim", "8", "--decoder-hidden", "8",
        "--mrr-negatives", "5", "--checkpoint-interval", "1s"};

    @TempDir
    Path dir;

    private JsonNode run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(SMALL));
        StringWriter text = new StringWriter();
        CommandLine cmd = Riffle.commandLine();
        cmd.setOut(new PrintWriter(text, true));
        cmd.setErr(new PrintWriter(text, true));
        int exit = cmd.execute(all.toArray(String[]::new));
        assertThat(exit).as("exit code; output:\n%s", text).isZero();
        Path out = Path.of(args[List.of(args).indexOf("--out") + 1]);
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void snapEdgeListsOutOfOrderAreSortedAndTimesAreSeconds() throws Exception {
        Path input = GraphTestJobs.gzip(dir.resolve("email.txt.gz"),
                GraphTestJobs.outOfOrder(GraphTestJobs.snapLines(2000, 8), 1));
        JsonNode s = run("run", "graph", "--input", input.toString(), "--format", "snap", "--out",
                dir.resolve("out").toString());
        for (String field : List.of("events", "nodes", "ap", "auc", "mrr", "apEdgeBank", "apRecency", "deadLetters",
                "eventsPerSecond")) {
            assertThat(s.has(field)).as(field).isTrue();
        }
        assertThat(s.get("events").asLong()).isEqualTo(2000);
        assertThat(s.get("sortedInput").asBoolean()).isTrue();
        assertThat(s.get("ap").asDouble()).isGreaterThan(0.6);
        List<String> predictions = Files.readAllLines(dir.resolve("out/predictions.jsonl"));
        long previous = Long.MIN_VALUE;
        for (String p : predictions) {
            long t = JSON.readTree(p).get("time").asLong();
            assertThat(t).isGreaterThanOrEqualTo(previous);
            assertThat(t % 1000).isZero();
            previous = t;
        }
        GraphModelFile.Loaded model = GraphModelFile.read(dir.resolve("out/model.riffle"));
        assertThat(model.provenance().interactions()).isEqualTo(2000);
        assertThat(model.config().memoryDim()).isEqualTo(8);
        assertThat(Files.readAllLines(dir.resolve("out/metrics.jsonl")).size()).isGreaterThan(3);
    }

    @Test
    void jodieCsvWithFeaturesAndLabels() throws Exception {
        List<String> lines = new ArrayList<>(List.of("user_id,item_id,timestamp,state_label,"
                + "comma_separated_list_of_features"));
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 600; i++) {
            int user = r.nextInt(40);
            int item = (user + r.nextInt(3)) % 25;
            lines.add(user + "," + item + "," + (i * 36.5) + "," + (i % 50 == 0 ? 1 : 0) + "," + r.nextFloat() + ","
                    + r.nextFloat() + "," + r.nextFloat());
        }
        Path input = dir.resolve("wikipedia.csv");
        Files.write(input, lines);
        JsonNode s = run("run", "graph", "--input", input.toString(), "--format", "jodie", "--out",
                dir.resolve("out").toString(), "--batch-size", "10");
        assertThat(s.get("interactions").asLong()).isEqualTo(600);
        assertThat(s.get("deadLetters").asLong()).isZero();
        assertThat(GraphModelFile.read(dir.resolve("out/model.riffle")).config().edgeFeatureDim()).isEqualTo(3);
        String first = Files.readAllLines(dir.resolve("out/predictions.jsonl")).get(0);
        assertThat(first).startsWith("{\"src\":\"u").contains("\"dst\":\"i").contains("\"time\":0,")
                .endsWith("\"label\":1}");
    }

    @Test
    void jsonLinesAndAWarmStartFromTheSavedModel() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String l : GraphTestJobs.snapLines(800, 2)) {
            String[] f = l.split(" ");
            lines.add("{\"src\":\"u" + f[0] + "\",\"dst\":\"u" + f[1] + "\",\"time\":" + Long.parseLong(f[2]) * 1000
                    + "}");
        }
        Path input = dir.resolve("edges.jsonl");
        Files.write(input, lines);
        JsonNode first = run("run", "graph", "--input", input.toString(), "--out", dir.resolve("a").toString());
        assertThat(first.get("interactions").asLong()).isEqualTo(800);
        JsonNode again = run("run", "graph", "--input", input.toString(), "--out", dir.resolve("b").toString(),
                "--init-model", dir.resolve("a/model.riffle").toString());
        assertThat(again.get("modelStep").asLong()).isEqualTo(1600);
    }

    @Test
    void theDemoRunsOnTheSimulatedStreamFromNothing() throws Exception {
        StringWriter text = new StringWriter();
        CommandLine cmd = Riffle.commandLine();
        cmd.setOut(new PrintWriter(text, true));
        int exit = cmd.execute("demo", "graph", "--simulate", "--events", "3000", "--users", "200", "--work-dir",
                dir.resolve("demo").toString(), "--memory-dim", "8", "--time-dim", "8", "--decoder-hidden", "8");
        assertThat(exit).as(text.toString()).isZero();
        assertThat(text.toString()).contains("SIMULATED").contains("model AP - best baseline AP");
        JsonNode s = JSON.readTree(dir.resolve("demo/out/summary.json").toFile());
        assertThat(s.get("events").asLong()).isEqualTo(3000);
        assertThat(s.get("ap").asDouble()).isGreaterThan(s.get("apEdgeBank").asDouble());
    }

    @Test
    void dryRunChecksTheInputAndSaysWhatItWouldDo() throws Exception {
        Path input = GraphTestJobs.gzip(dir.resolve("e.txt.gz"), GraphTestJobs.outOfOrder(
                GraphTestJobs.snapLines(500, 1), 2));
        StringWriter text = new StringWriter();
        CommandLine cmd = Riffle.commandLine();
        cmd.setOut(new PrintWriter(text, true));
        assertThat(cmd.execute("run", "graph", "--input", input.toString(), "--format", "snap", "--out",
                dir.resolve("out").toString(), "--dry-run")).isZero();
        assertThat(text.toString()).startsWith("ok: ").contains("500 edges").contains("time-sorted copy")
                .contains("fresh start");
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        assertThat(cmd.execute("run", "graph", "--input", input.toString(), "--format", "csv", "--out",
                dir.resolve("out").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("use one of jsonl, jodie, snap");
        assertThat(cmd.execute("run", "graph", "--out", dir.resolve("out").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--input");
    }
}
