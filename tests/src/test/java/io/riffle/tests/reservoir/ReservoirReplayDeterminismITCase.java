package io.riffle.tests.reservoir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riffle.connectors.reservoir.Series;
import io.riffle.connectors.reservoir.SeriesJsonLines;
import io.riffle.connectors.sink.LineEncoder;
import io.riffle.models.reservoir.event.SeriesForecast;
import io.riffle.models.reservoir.forecast.PrequentialForecaster;
import io.riffle.models.reservoir.forecast.SeriesKey;
import io.riffle.streaming.reservoir.ReservoirOutputs;
import io.riffle.streaming.reservoir.ReservoirRun;
import io.riffle.streaming.reservoir.ReservoirSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job forecasts exactly what the model forecasts when each key is fed alone and in order, whatever the arrival
 * order within the allowed lateness; two replays of one file are byte-identical.
 */
class ReservoirReplayDeterminismITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POINTS = 1500;

    @TempDir
    Path dir;

    @Test
    void twoReplaysOfShuffledInputAreByteIdenticalAndEqualTheModelFedInOrder() throws Exception {
        Path ordered = ReservoirTestJobs.series(dir, POINTS);
        // shuffle within blocks of 6 lines: 2 s of event time, inside the 3 s lateness
        List<String> lines = new ArrayList<>(Files.readAllLines(ordered));
        Random r = new Random(9);
        for (int i = 0; i < lines.size(); i += 6) {
            Collections.shuffle(lines.subList(i, Math.min(lines.size(), i + 6)), r);
        }
        Path input = dir.resolve("shuffled.jsonl");
        Files.write(input, lines);

        ReservoirOutputs first = new ReservoirOutputs(dir.resolve("first"));
        ReservoirOutputs second = new ReservoirOutputs(dir.resolve("second"));
        ReservoirSummary a = ReservoirRun.run(new ReservoirRun.Request(ReservoirTestJobs.config(0), input, 1 << 20,
                first, ReservoirTestJobs.runtime(dir.resolve("s1"), null, 0)), null);
        ReservoirRun.run(new ReservoirRun.Request(ReservoirTestJobs.config(0), input, 1 << 20, second,
                ReservoirTestJobs.runtime(dir.resolve("s2"), null, 0)), null);

        for (Path[] pair : List.of(new Path[] {first.predictions(), second.predictions()},
                new Path[] {first.metrics(), second.metrics()},
                new Path[] {first.versions(), second.versions()})) {
            assertThat(Files.size(pair[0])).as(pair[0].getFileName().toString()).isPositive();
            assertThat(ReservoirTestJobs.bytes(pair[1])).as(pair[0].getFileName().toString())
                    .isEqualTo(ReservoirTestJobs.bytes(pair[0]));
        }
        assertThat(Files.size(first.deadLetters())).isZero();

        // the reference: the model itself, each key in time order; the job releases points in (time, key) order
        List<String> expected = new ArrayList<>();
        LineEncoder<SeriesForecast> encoder = SeriesJsonLines.forecasts(ReservoirTestJobs.HORIZONS);
        List<Series> series = ReservoirTestJobs.seriesData(POINTS);
        List<SeriesKey> keys = new ArrayList<>();
        List<PrequentialForecaster> models = new ArrayList<>();
        for (Series s : series) {
            PrequentialForecaster f = new PrequentialForecaster(ReservoirTestJobs.forecaster(),
                    ReservoirTestJobs.HORIZONS, s.dims());
            models.add(f);
            keys.add(f.newKey());
        }
        int[] order = {2, 0, 1}; // keys sorted: lorenz, mackey-glass, santa-fe-laser
        for (int t = 0; t < POINTS; t++) {
            for (int i : order) {
                Series s = series.get(i);
                double[] out = new double[ReservoirTestJobs.HORIZONS.length * s.dims()];
                boolean warm = models.get(i).step(keys.get(i), s.point(t), out);
                StringBuilder line = new StringBuilder();
                encoder.encode(new SeriesForecast(s.key(), ReservoirTestJobs.START + 1000L * t, 0,
                        keys.get(i).version(), warm, s.dims(), out), line);
                expected.add(line.toString());
            }
        }
        assertThat(Files.readAllLines(first.predictions())).containsExactlyElementsOf(expected);

        // the summary is the last metrics line: pooled NRMSE of the three keys, below persistence
        assertThat(a.points()).isEqualTo(3L * POINTS);
        assertThat(a.keys()).isEqualTo(3);
        assertThat(a.deadLetters()).isZero();
        assertThat(a.nrmse()).isLessThan(a.persistenceNrmse());
        JsonNode summary = JSON.readTree(first.summary().toFile());
        for (String field : List.of("points", "keys", "nrmse", "nrmseByHorizon", "persistenceNrmse", "deadLetters",
                "eventsPerSecond")) {
            assertThat(summary.has(field)).as(field).isTrue();
        }
        assertThat(summary.get("nrmseByHorizon").get("3").asDouble()).isGreaterThan(a.nrmse());
        // each key's last report holds the key's own NRMSE, which the model computes the same way
        JsonNode mg = a.keyScores().get("mackey-glass");
        assertThat(mg.get("version").asLong()).isEqualTo(POINTS);
        assertThat(mg.get("nrmse").asDouble()).isCloseTo(keys.get(0).scores().nrmse(0), within(1e-12));
    }

    @Test
    void twoParallelForecastersForecastTheSameLinesAsOne() throws Exception {
        Path input = ReservoirTestJobs.series(dir, 400);
        io.riffle.streaming.reservoir.ReservoirJobConfig one = ReservoirTestJobs.config(0);
        io.riffle.streaming.reservoir.ReservoirJobConfig two = new io.riffle.streaming.reservoir.ReservoirJobConfig(
                one.forecaster(), one.horizons(), one.codec(), one.allowedLatenessMillis(), one.watermarkStepMillis(),
                one.metricsIntervalMillis(), one.keyTtlMillis(), one.maxKeys(), one.cacheBytes(), 0, 2);
        ReservoirOutputs a = new ReservoirOutputs(dir.resolve("p1"));
        ReservoirOutputs b = new ReservoirOutputs(dir.resolve("p2"));
        ReservoirRun.run(new ReservoirRun.Request(one, input, 1 << 20, a,
                ReservoirTestJobs.runtime(dir.resolve("sp1"), null, 0)), null);
        ReservoirSummary s = ReservoirRun.run(new ReservoirRun.Request(two, input, 1 << 20, b,
                ReservoirTestJobs.runtime(dir.resolve("sp2"), null, 0)), null);
        // the keys are spread over two instances: the same lines, interleaved in another order
        assertThat(Files.readAllLines(b.predictions())).containsExactlyInAnyOrderElementsOf(
                Files.readAllLines(a.predictions()));
        assertThat(Files.readAllLines(b.versions())).containsExactlyInAnyOrderElementsOf(
                Files.readAllLines(a.versions()));
        assertThat(s.keys()).isEqualTo(3);
        assertThat(s.points()).isEqualTo(1200);
    }
}
