package io.riffle.tests.ctr;

import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.models.io.FtrlModelFile;
import io.riffle.streaming.ctr.CtrJobConfig;
import io.riffle.streaming.ctr.CtrOutputs;
import io.riffle.streaming.ctr.CtrRun;
import io.riffle.streaming.ctr.CtrSummary;
import io.riffle.streaming.runtime.StateBackendKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replays of one file write byte-identical predictions, metrics, model versions and model, whichever state backend
 * holds their state.
 */
class CtrReplayDeterminismITCase {
    @TempDir
    Path dir;

    @Test
    void twoReplaysOfTheSameFileAreByteIdenticalOnRocksDbAndOnTheHeap() throws Exception {
        Path input = CtrTestJobs.clickLog(dir, 6000);
        CtrJobConfig config = CtrTestJobs.jsonl(0);
        CtrOutputs first = new CtrOutputs(dir.resolve("first"));
        CtrOutputs second = new CtrOutputs(dir.resolve("second"));
        CtrSummary a = CtrRun.run(new CtrRun.Request(config, input, null, 1 << 20, first,
                CtrTestJobs.runtime(dir.resolve("s1"), null, 0)), null);
        CtrRun.run(new CtrRun.Request(config, input, null, 1 << 20, second,
                CtrTestJobs.runtime(dir.resolve("s2"), null, 0).withStateBackend(StateBackendKind.HASHMAP)), null);

        assertThat(a.predictions()).isEqualTo(6000);
        assertThat(a.examples()).isGreaterThan(4000);
        for (Path[] pair : List.of(
                new Path[] {first.predictions(), second.predictions()},
                new Path[] {first.metrics(), second.metrics()},
                new Path[] {first.versions(), second.versions()},
                new Path[] {first.model(), second.model()})) {
            assertThat(Files.size(pair[0])).as(pair[0].getFileName().toString()).isPositive();
            assertThat(CtrTestJobs.bytes(pair[1])).as(pair[0].getFileName().toString())
                    .isEqualTo(CtrTestJobs.bytes(pair[0]));
        }
        assertThat(Files.readAllLines(second.deadLetters()))
                .containsExactlyInAnyOrderElementsOf(Files.readAllLines(first.deadLetters()));
    }

    @Test
    void labelsFromASecondFileJoinLikeLabelsInTheSameFile() throws Exception {
        Path mixed = CtrTestJobs.clickLog(dir, 3000);
        Path impressions = dir.resolve("impressions.jsonl");
        Path labels = dir.resolve("labels.jsonl");
        List<String> lines = Files.readAllLines(mixed);
        Files.write(impressions, lines.stream().filter(l -> l.contains("\"features\"")).toList());
        Files.write(labels, lines.stream().filter(l -> !l.contains("\"features\"")).toList());

        CtrOutputs together = new CtrOutputs(dir.resolve("together"));
        CtrOutputs apart = new CtrOutputs(dir.resolve("apart"));
        CtrSummary one = CtrRun.run(new CtrRun.Request(CtrTestJobs.jsonl(0), mixed, null, 1 << 20, together,
                CtrTestJobs.runtime(dir.resolve("s1"), null, 0)), null);
        CtrSummary two = CtrRun.run(new CtrRun.Request(CtrTestJobs.jsonl(0), impressions, labels, 1 << 20, apart,
                CtrTestJobs.runtime(dir.resolve("s2"), null, 0)), null);

        assertThat(two.labels()).isEqualTo(one.labels()).isPositive();
        assertThat(two.examples()).isEqualTo(one.examples());
        assertThat(two.progressiveLogLoss()).isEqualTo(one.progressiveLogLoss());
        // Same weights; only the provenance's input positions differ (two inputs number their records apart).
        assertThat(FtrlModelFile.read(apart.model()).learner()
                .sameState(FtrlModelFile.read(together.model()).learner())).isTrue();
    }
}
