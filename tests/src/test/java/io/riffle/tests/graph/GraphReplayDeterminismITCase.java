package io.riffle.tests.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.connectors.graph.EdgeFormat;
import io.riffle.models.graph.GraphModelFile;
import io.riffle.streaming.graph.GraphInput;
import io.riffle.streaming.graph.GraphOutputs;
import io.riffle.streaming.graph.GraphRun;
import io.riffle.streaming.graph.GraphSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replays of one edge file write byte-identical predictions, metrics, dead letters and model; a file out of time
 * order is replayed in time order from a sorted copy, and scores exactly as the sorted file does.
 */
class GraphReplayDeterminismITCase {
    @TempDir
    Path dir;

    @Test
    void twoReplaysOfAnUnsortedFileAreByteIdenticalAndEqualTheSortedFilesReplay() throws Exception {
        List<String> sortedLines = GraphTestJobs.snapLines(4000, 3);
        List<String> lines = new ArrayList<>(GraphTestJobs.outOfOrder(sortedLines, 4));
        lines.add(17, "5 5 1082000100");
        lines.add(300, "7 x 1082000100");
        Path input = GraphTestJobs.gzip(dir.resolve("edges.txt.gz"), lines);
        GraphInput scanned = GraphTestJobs.input(input, EdgeFormat.SNAP);
        assertThat(scanned.sort()).isTrue();

        GraphOutputs first = new GraphOutputs(dir.resolve("first"));
        GraphOutputs second = new GraphOutputs(dir.resolve("second"));
        GraphSummary a = GraphRun.run(new GraphRun.Request(GraphTestJobs.config(EdgeFormat.SNAP, 8, 0), scanned,
                1 << 20, first, GraphTestJobs.runtime(dir.resolve("s1"), null, 0)), null);
        GraphRun.run(new GraphRun.Request(GraphTestJobs.config(EdgeFormat.SNAP, 8, 0), scanned, 1 << 20, second,
                GraphTestJobs.runtime(dir.resolve("s2"), null, 0)), null);

        assertThat(a.interactions()).isEqualTo(4000);
        assertThat(a.deadLetters()).isEqualTo(2);
        assertThat(a.events()).isEqualTo(4002);
        assertThat(a.sortedInput()).isTrue();
        assertThat(a.nodes()).isBetween(150L, 200L);
        assertThat(a.ap()).isGreaterThan(0.6);
        assertThat(a.mrr()).isBetween(0.0, 1.0);
        assertThat(Files.exists(dir.resolve("s1/sorted-input.txt"))).as("the sorted copy is removed").isFalse();
        for (Path[] pair : List.of(
                new Path[] {first.predictions(), second.predictions()},
                new Path[] {first.metrics(), second.metrics()},
                new Path[] {first.deadLetters(), second.deadLetters()},
                new Path[] {first.model(), second.model()})) {
            assertThat(Files.size(pair[0])).as(pair[0].getFileName().toString()).isPositive();
            assertThat(GraphTestJobs.bytes(pair[1])).as(pair[0].getFileName().toString())
                    .isEqualTo(GraphTestJobs.bytes(pair[0]));
        }
        List<String> dead = Files.readAllLines(first.deadLetters());
        assertThat(dead.get(0)).contains("\"position\":18").contains("self-loop");
        assertThat(dead.get(1)).contains("\"position\":301").contains("'x' is not an integer");

        // The same interactions from a file already in time order: the same scores and model.
        Path inOrder = GraphTestJobs.gzip(dir.resolve("sorted.txt.gz"), sortedLines);
        GraphOutputs third = new GraphOutputs(dir.resolve("third"));
        GraphInput plain = GraphTestJobs.input(inOrder, EdgeFormat.SNAP);
        assertThat(plain.sort()).isFalse();
        GraphRun.run(new GraphRun.Request(GraphTestJobs.config(EdgeFormat.SNAP, 8, 0), plain, 1 << 20, third,
                GraphTestJobs.runtime(dir.resolve("s3"), null, 0)), null);
        assertThat(Files.readAllLines(third.predictions())).hasSize(4000);
        assertThat(GraphTestJobs.bytes(third.metrics())).isEqualTo(GraphTestJobs.bytes(first.metrics()));
        assertThat(GraphModelFile.read(third.model()).parameters()
                .sameState(GraphModelFile.read(first.model()).parameters())).isTrue();
    }
}
