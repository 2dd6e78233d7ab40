package io.riffle.streaming.ctr;

import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.connectors.kafka.EventTimeSource;
import io.riffle.connectors.kafka.KafkaInput;
import io.riffle.connectors.kafka.KafkaOutput;
import io.riffle.connectors.kafka.KafkaStart;
import io.riffle.connectors.kafka.KafkaStop;
import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.features.FeatureSpace;
import io.riffle.models.features.FieldCross;
import io.riffle.operators.ctr.ScoringMode;
import io.riffle.streaming.kafka.RescalableGraphs;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Kafka CTR job can be rescaled from its own checkpoints ({@link RescalableGraphs}). */
class CtrKafkaJobGraphTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "labels in the impressions' source: {0}")
    @ValueSource(booleans = {true, false})
    void everyEdgeBetweenTasksIsAllToAllAndTheChainsDoNotDependOnTheParallelism(boolean oneSource) {
        RescalableGraphs.assertRescalable(parallelism -> jobGraph(parallelism, oneSource));
    }

    private JobGraph jobGraph(int parallelism, boolean oneSource) {
        CtrJobConfig config = new CtrJobConfig("ctr", FtrlParams.defaults(),
                new FeatureSpace(16, List.of(new FieldCross("site", "ad")), 0), CtrCodecSpec.of(CtrFormat.JSONL),
                true, Duration.ofMinutes(2).toMillis(), -1, 1000, 100, ScoringMode.LATEST, 0, 1000, 1000, 0,
                parallelism, null);
        KafkaInput impressions = input("g.impressions", 0, "g");
        // Another group: the two inputs are not read alike, so each gets a source of its own.
        KafkaInput labels = input("g.labels", 1, oneSource ? "g" : "another-group");
        CtrKafkaSettings kafka = new CtrKafkaSettings(impressions, labels,
                new CtrTopics("g.predictions", "g.metrics", "g.dead-letters", "g.model-versions"),
                new KafkaOutput("localhost:1", "g", Duration.ofMinutes(5), Map.of()), Duration.ofSeconds(10),
                Duration.ofSeconds(30));
        StreamExecutionEnvironment env = FlinkSetup.environment(
                new RuntimeSettings(dir.resolve("state-" + parallelism), Duration.ofSeconds(1), null, 0));
        CtrKafkaJob.build(env, config, kafka, new CtrOutputs(dir.resolve("out-" + parallelism)));
        return env.getStreamGraph().getJobGraph();
    }

    private static KafkaInput input(String topic, int index, String group) {
        return new KafkaInput("localhost:1", List.of(topic), index, group, KafkaStart.EARLIEST, KafkaStop.NEVER,
                EventTimeSource.FIELD, "time", 1 << 20, Map.of());
    }
}
