package io.riffle.streaming.ctr;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.jobgraph.DistributionPattern;
import org.apache.flink.runtime.jobgraph.JobEdge;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka CTR job can be rescaled from its own (unaligned) checkpoints: Flink restores in-flight records only on
 * all-to-all edges, and only where the operators are chained the same way as when the checkpoint was taken.
 */
class CtrKafkaJobGraphTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "labels in the impressions' source: {0}")
    @ValueSource(booleans = {true, false})
    void theJobHasNoPointwiseEdgeAndChainsAlikeAtParallelismOneAndTwo(boolean oneSource) {
        JobGraph atOne = jobGraph(1, oneSource);
        JobGraph atTwo = jobGraph(2, oneSource);

        for (JobGraph graph : List.of(atOne, atTwo)) {
            for (JobVertex vertex : graph.getVertices()) {
                for (JobEdge edge : vertex.getInputs()) {
                    assertThat(edge.getDistributionPattern()).as("edge %s -> %s",
                            edge.getSource().getProducer().getName(), vertex.getName())
                            .isEqualTo(DistributionPattern.ALL_TO_ALL);
                }
            }
        }
        assertThat(chains(atTwo)).isEqualTo(chains(atOne));
    }

    private JobGraph jobGraph(int parallelism, boolean oneSource) {
        CtrJobConfig config = new CtrJobConfig("ctr", FtrlParams.defaults(),
                new FeatureSpace(16, List.of(new FieldCross("site", "ad")), 0), CtrCodecSpec.of(CtrFormat.JSONL),
                true, Duration.ofMinutes(2).toMillis(), -1, 1000, 100, ScoringMode.LATEST, 0, 1000, 1000, 0,
                parallelism, null);
        KafkaInput impressions = input("g.impressions", 0, "g");
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

    /** Each task's operators (their ids come from their uids, so they are the same at any parallelism). */
    private static Set<Set<OperatorID>> chains(JobGraph graph) {
        Set<Set<OperatorID>> chains = new HashSet<>();
        for (JobVertex vertex : graph.getVertices()) {
            chains.add(new HashSet<>(vertex.getOperatorIDs().stream().map(id -> id.getGeneratedOperatorID()).toList()));
        }
        return chains;
    }
}
