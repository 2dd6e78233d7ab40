package io.riffle.streaming.ctr;

import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.features.FeatureSpace;
import io.riffle.models.features.FieldCross;
import io.riffle.operators.ctr.ScoringMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.co.CoProcessFunction;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScorerEdgesTest {
    @TempDir
    Path dir;

    private static StreamExecutionEnvironment unalignedEnvironment() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        conf.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    @Test
    void everyScorerReceivesEachModelVersionExactlyOnce() throws Exception {
        StreamExecutionEnvironment env = unalignedEnvironment();
        env.setParallelism(3);
        DataStream<String> impressions = env.fromData("a", "b").setParallelism(1);
        DataStream<Long> versions = env.fromData(1L, 2L, 3L, 4L, 5L).setParallelism(1);
        List<String> seen = new ArrayList<>();
        ScorerEdges.impressions(impressions)
                .connect(ScorerEdges.modelVersions(versions, 3, "copies"))
                .process(new CoProcessFunction<String, Long, String>() {
                    @Override
                    public void processElement1(String impression, Context ctx, Collector<String> out) {}

                    @Override
                    public void processElement2(Long version, Context ctx, Collector<String> out) {
                        out.collect(getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + ":" + version);
                    }
                })
                .setParallelism(3)
                .executeAndCollect().forEachRemaining(seen::add);

        Map<String, List<Long>> bySubtask = new TreeMap<>();
        for (String s : seen) {
            String[] parts = s.split(":");
            bySubtask.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Long.parseLong(parts[1]));
        }
        assertThat(bySubtask).containsOnlyKeys("0", "1", "2");
        bySubtask.values().forEach(v -> assertThat(v).containsExactly(1L, 2L, 3L, 4L, 5L));
    }

    @Test
    void theCtrScorerIsCheckpointedUnalignedAtAnyParallelism() throws Exception {
        Path input = Files.writeString(dir.resolve("in.jsonl"),
                "{\"id\":\"a\",\"time\":1,\"features\":{\"site\":\"s\",\"ad\":\"x\"}}\n");
        CtrJobConfig config = new CtrJobConfig("ctr", FtrlParams.defaults(),
                new FeatureSpace(16, List.of(new FieldCross("site", "ad")), 0), CtrCodecSpec.of(CtrFormat.JSONL),
                true, Duration.ofMinutes(2).toMillis(), -1, 1000, 100, ScoringMode.LATEST, 0, 1000, 1000, 0, 2,
                null);
        StreamExecutionEnvironment env = unalignedEnvironment();
        CtrFileJob.build(env, config, input, null, 1 << 20, new CtrOutputs(dir.resolve("out")));
        StreamGraph graph = env.getStreamGraph();

        StreamNode scorer = graph.getStreamNodes().stream()
                .filter(n -> "ctr-scorer".equals(n.getTransformationUID())).findFirst().orElseThrow();
        assertThat(scorer.getInEdges()).hasSize(2);
        for (StreamEdge edge : scorer.getInEdges()) {
            assertThat(edge.supportsUnalignedCheckpoints()).as("edge %s", edge).isTrue();
        }
    }
}
