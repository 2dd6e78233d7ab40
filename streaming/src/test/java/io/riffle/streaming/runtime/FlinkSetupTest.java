package io.riffle.streaming.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkSetupTest {
    private static final String BLOOM = "state.backend.rocksdb.use-bloom-filter";

    @Test
    void localRunsKeepBloomFiltersInRocksDbFiles(@TempDir Path dir) {
        Map<String, String> conf = FlinkSetup.configuration(
                new RuntimeSettings(dir.resolve("state"), Duration.ofSeconds(10), null, 0)).toMap();

        assertEquals("true", conf.get(BLOOM));
        assertEquals("rocksdb", conf.get("state.backend.type"));
        assertEquals("true", conf.get("execution.checkpointing.unaligned.enabled"));
    }

    @Test
    void clusterRunsLeaveRocksDbSettingsToTheCluster() {
        Map<String, String> conf = FlinkSetup.configuration(RuntimeSettings.cluster(Duration.ofSeconds(10))).toMap();

        assertFalse(conf.containsKey(BLOOM));
        assertFalse(conf.containsKey("state.backend.type"));
    }
}
