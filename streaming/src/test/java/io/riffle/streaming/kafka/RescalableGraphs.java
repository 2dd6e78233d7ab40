package io.riffle.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.flink.runtime.jobgraph.DistributionPattern;
import org.apache.flink.runtime.jobgraph.JobEdge;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.OperatorID;

/**
 * Whether a job can be rescaled from its own unaligned checkpoints: Flink hands the records in flight between tasks
 * to another parallelism only on all-to-all edges, and only where the operators are chained as they were when the
 * checkpoint was taken.
 */
public final class RescalableGraphs {
    private RescalableGraphs() {}

    /** Asserts both, between the job graphs {@code job} builds at parallelism 1 and 2. */
    public static void assertRescalable(IntFunction<JobGraph> job) {
        JobGraph atOne = job.apply(1);
        JobGraph atTwo = job.apply(2);
        for (JobGraph graph : List.of(atOne, atTwo)) {
            for (JobVertex vertex : graph.getVertices()) {
                for (JobEdge edge : vertex.getInputs()) {
                    assertThat(edge.getDistributionPattern()).as("edge %s => %s",
                            edge.getSource().getProducer().getName(), vertex.getName())
                            .isEqualTo(DistributionPattern.ALL_TO_ALL);
                }
            }
        }
        assertThat(chains(atTwo)).as("the tasks' operators at parallelism 2 and 1").isEqualTo(chains(atOne));
    }

    /** Each task's operators (their ids come from their uids, so they are the same at any parallelism). */
    private static Set<Set<OperatorID>> chains(JobGraph graph) {
        Set<Set<OperatorID>> chains = new HashSet<>();
        for (JobVertex vertex : graph.getVertices()) {
            Set<OperatorID> chain = new HashSet<>();
            vertex.getOperatorIDs().forEach(id -> chain.add(id.getGeneratedOperatorID()));
            chains.add(chain);
        }
        return chains;
    }
}
