package io.riffle.tests.ctr;

import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.models.ctr.FtrlParams;
import io.riffle.models.features.FeatureSpace;
import io.riffle.models.features.FieldCross;
import io.riffle.operators.ctr.ScoringMode;
import io.riffle.streaming.ctr.ClickLogFile;
import io.riffle.streaming.ctr.CtrJobConfig;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Shared set-up of the CTR integration tests. */
final class CtrTestJobs {
    private CtrTestJobs() {}

    /** A JSON-lines config with delayed labels joined in event time (the demo's shape, smaller). */
    static CtrJobConfig jsonl(double speedup) {
        return new CtrJobConfig("ctr", FtrlParams.defaults(),
                new FeatureSpace(16, List.of(new FieldCross("site", "ad")), 0), CtrCodecSpec.of(CtrFormat.JSONL),
                true, Duration.ofMinutes(2).toMillis(), -1, 1000, 100, ScoringMode.EVENT_TIME, 0, 1000, 1000,
                speedup, 1, null);
    }

    static RuntimeSettings runtime(Path stateDir, Path resumeFrom, int restartAttempts) {
        return new RuntimeSettings(stateDir, Duration.ofMillis(200), resumeFrom, restartAttempts);
    }

    /** A simulated click log: impressions 10 ms apart in event time and their clicks' labels. */
    static Path clickLog(Path dir, int impressions) throws IOException {
        Path file = dir.resolve("clicks.jsonl");
        ClickLogFile.write(file, impressions, 7);
        return file;
    }

    static byte[] bytes(Path file) throws IOException {
        return Files.readAllBytes(file);
    }
}
