package io.riffle.tests.reservoir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riffle.connectors.reservoir.SeriesGenerators;
import io.riffle.models.series.MackeyGlass;
import io.riffle.streaming.cli.Riffle;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The reservoir job through the command line: JSON lines (gzip), wide and long CSV, the dry run and the demo. */
class ReservoirFormatsITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double[] MG = MackeyGlass.reservoirPy().generate(700, 8);
    private static final String[] SMALL = {"--units", "30", "--washout", "40", "--train-after", "10"};

    @TempDir
    Path dir;

    private int riffle(List<String> args, StringWriter text) {
        CommandLine cmd = Riffle.commandLine();
        cmd.setOut(new PrintWriter(text));
        cmd.setErr(new PrintWriter(text));
        return cmd.execute(args.toArray(new String[0]));
    }

    private JsonNode runAndSummary(Path input, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "reservoir", "--input", input.toString(), "--out",
                dir.resolve("out-" + input.getFileName()).toString(), "--checkpoint-interval", "1s"));
        args.addAll(List.of(SMALL));
        args.addAll(List.of(extra));
        StringWriter text = new StringWriter();
        assertThat(riffle(args, text)).as(text.toString()).isZero();
        assertThat(text.toString()).contains("NRMSE (persistence's in brackets)");
        return JSON.readTree(dir.resolve("out-" + input.getFileName()).resolve("summary.json").toFile());
    }

    @Test
    void gzippedJsonLinesWithVectorsAndSeveralHorizons() throws Exception {
        Path plain = dir.resolve("series.jsonl");
        SeriesGenerators.writeJsonLines(plain, List.of(SeriesGenerators.lorenz(600, 1),
                SeriesGenerators.narma10(600, 1)), 1_700_000_000_000L, 1000);
        Path gz = dir.resolve("series.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(plain));
        }
        JsonNode s = runAndSummary(gz, "--horizons", "1,2,5");
        assertThat(s.get("points").asLong()).isEqualTo(1200);
        assertThat(s.get("keys").asLong()).isEqualTo(2);
        assertThat(s.get("nrmseByHorizon").fieldNames()).toIterable().containsExactly("1", "2", "5");
        assertThat(s.get("nrmse").asDouble()).isLessThan(s.get("persistenceNrmse").asDouble());
        String first = Files.readAllLines(dir.resolve("out-series.jsonl.gz/predictions.jsonl")).get(0);
        assertThat(first).startsWith("{\"key\":\"lorenz\",\"time\":1700000000000,\"modelVersion\":1,\"warm\":false,"
                + "\"forecast\":{\"1\":[");
    }

    @Test
    void wideCsvWithAMonthColumnOneSeriesPerColumn() throws Exception {
        List<String> lines = new ArrayList<>(List.of("\"Month\",\"north\",\"south\""));
        YearMonth m = YearMonth.of(1749, 1);
        for (int t = 0; t < 600; t++) {
            lines.add("\"" + m.plusMonths(t) + "\"," + MG[t] + "," + (t == 300 ? "" : String.valueOf(MG[t + 50])));
        }
        Path csv = dir.resolve("monthly.csv");
        Files.write(csv, lines, StandardCharsets.UTF_8);
        // months are uneven in length: reports every 90 days of event time
        JsonNode s = runAndSummary(csv, "--format", "csv", "--csv-columns", "time=Month", "--metrics-interval",
                "90d", "--allowed-lateness", "0", "--key-ttl", "0");
        assertThat(s.get("points").asLong()).isEqualTo(1199);
        assertThat(s.get("keys").asLong()).isEqualTo(2);
        assertThat(s.get("deadLetters").asLong()).isEqualTo(1);
        String dead = Files.readAllLines(dir.resolve("out-monthly.csv/dead-letters.jsonl")).get(0);
        assertThat(dead).contains("\"position\":302").contains("south: missing value");
    }

    @Test
    void longCsvWithAKeyColumnAndRowOrderTime() throws Exception {
        List<String> lines = new ArrayList<>(List.of("sensor;reading"));
        for (int t = 0; t < 500; t++) {
            lines.add("s1;" + MG[t]);
            lines.add("s2;" + (MG[t + 100] * 5 - 2));
        }
        Path csv = dir.resolve("long.csv");
        Files.write(csv, lines, StandardCharsets.UTF_8);
        JsonNode s = runAndSummary(csv, "--format", "csv", "--csv-columns", "key=sensor", "--csv-delimiter", ";");
        assertThat(s.get("points").asLong()).isEqualTo(1000);
        assertThat(s.get("keys").asLong()).isEqualTo(2);
        assertThat(s.get("deadLetters").asLong()).isZero();
    }

    @Test
    void dryRunChecksTheInputAndNamesTheModel() throws Exception {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"key\":\"a\",\"time\":1,\"value\":1}\n");
        StringWriter text = new StringWriter();
        assertThat(riffle(List.of("run", "reservoir", "--input", input.toString(), "--out",
                dir.resolve("out").toString(), "--reservoir", "ei", "--dry-run"), text)).isZero();
        assertThat(text.toString()).startsWith("ok: ").contains("EiSpec[units=100").contains("fresh start");
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
        StringWriter bad = new StringWriter();
        assertThat(riffle(List.of("run", "reservoir", "--input", input.toString(), "--out",
                dir.resolve("out").toString(), "--horizons", "0,x"), bad)).isEqualTo(2);
        assertThat(bad.toString()).contains("--horizons must be positive whole numbers");
    }

    @Test
    void theDemoRunsFromBundledAndGeneratedData() throws Exception {
        StringWriter text = new StringWriter();
        assertThat(riffle(List.of("demo", "reservoir", "--points", "500", "--work-dir", dir.toString()), text))
                .as(text.toString()).isZero();
        assertThat(text.toString()).contains("Santa Fe competition data set A").contains("santa-fe-laser")
                .contains("mackey-glass").contains("lorenz").contains("NRMSE (persistence's in brackets)");
        JsonNode s = JSON.readTree(dir.resolve("out/summary.json").toFile());
        assertThat(s.get("points").asLong()).isEqualTo(1500);
        assertThat(s.get("keys").asLong()).isEqualTo(3);
    }
}
