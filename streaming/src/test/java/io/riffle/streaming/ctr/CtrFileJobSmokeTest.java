package io.riffle.streaming.ctr;

import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.features.FeatureSpace;
import io.riffle.operators.ctr.ScoringMode;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtrFileJobSmokeTest {
    @TempDir
    Path dir;

    @Test
    void runsAJsonLinesFileEndToEnd() throws Exception {
        Path input = dir.resolve("in.jsonl");
        List<String> lines = new ArrayList<>();
        Random r = new Random(1);
        for (int i = 0; i < 2000; i++) {
            int site = r.nextInt(10);
            lines.add("{\"id\":\"a" + i + "\",\"time\":" + (i * 100L) + ",\"features\":{\"site\":\"s" + site
                    + "\"}}");
            if (site < 3) {
                lines.add("{\"id\":\"a" + i + "\",\"time\":" + (i * 100L + 50) + ",\"label\":1}");
            }
        }
        lines.add("garbage");
        Files.write(input, lines);
        CtrJobConfig config = new CtrJobConfig("ctr", new FtrlParams(0.5, 1, 0, 1), new FeatureSpace(12, List.of(),
                0), CtrCodecSpec.of(CtrFormat.JSONL), true, 1000, -1, 0, 100, ScoringMode.EVENT_TIME, 0, 1000, 500,
                0, 1, null);
        RuntimeSettings runtime = new RuntimeSettings(dir.resolve("state"), Duration.ofSeconds(1), null, 0);
        StreamExecutionEnvironment env = FlinkSetup.environment(runtime);
        CtrOutputs out = new CtrOutputs(dir.resolve("out"));
        CtrFileJob.build(env, config, input, null, 1 << 20, out);
        env.execute("smoke");
        assertThat(Files.readAllLines(out.predictions())).hasSize(2000);
        assertThat(Files.readAllLines(out.deadLetters())).hasSize(1);
        List<String> metrics = Files.readAllLines(out.metrics());
        System.out.println(metrics.get(metrics.size() - 1));
        assertThat(Files.exists(out.model())).isTrue();
    }
}
