package io.riffle.streaming.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrFormat;
import io.riffle.connectors.file.LineFileSource;
import io.riffle.connectors.sink.JsonLines;
import io.riffle.connectors.sink.JsonLinesFileSink;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.event.Prediction;
import io.riffle.models.onnx.Device;
import io.riffle.models.onnx.MappedOnnxSpec;
import io.riffle.models.onnx.OnnxMapping;
import io.riffle.operators.onnx.BatchSettings;
import io.riffle.streaming.runtime.FlinkSetup;
import io.riffle.streaming.runtime.RuntimeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once through the batching scorer: a failure after a completed checkpoint, a restart from it, and the
 * predictions file still holds every impression once, in input order (the batch in flight at the barrier was flushed
 * before it, so it is neither lost nor repeated).
 */
class ScoreRecoveryITCase {
    static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
    static final AtomicBoolean FAILED = new AtomicBoolean();

    @TempDir
    Path dir;

    /** Fails once, on the first prediction after a checkpoint has completed. */
    static final class FailOnceAfterCheckpoint implements MapFunction<Prediction, Prediction>, CheckpointListener {
        @Override
        public Prediction map(Prediction p) {
            if (CHECKPOINTED.get() && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure");
            }
            return p;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
        }
    }

    @Test
    void aFailureAndRestoreLeaveEachPredictionOnceInInputOrder() throws Exception {
        List<String> fixture = Files.readAllLines(ScoreCommandTest.FIXTURE.resolve("events.jsonl"));
        List<String> lines = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int copy = 0; copy < 60; copy++) {
            for (String line : fixture) {
                var node = (com.fasterxml.jackson.databind.node.ObjectNode) io.riffle.streaming.runtime.JsonFiles
                        .MAPPER.readTree(line);
                String id = node.get("id").asText() + "#" + copy;
                node.put("id", id);
                lines.add(node.toString());
                ids.add(id);
            }
        }
        Path input = dir.resolve("events.jsonl");
        Files.write(input, lines);
        MappedOnnxSpec scorer = new MappedOnnxSpec(
                ScoreCommandTest.FIXTURE.resolve("finalmlp.onnx").toAbsolutePath().toString(),
                OnnxMapping.read(ScoreCommandTest.FIXTURE.resolve("mapping.json")), Device.CPU, 1, 128, 0);
        ScoreConfig config = new ScoreConfig(scorer, CtrCodecSpec.of(CtrFormat.JSONL), BatchSettings.latest(128, 50),
                1, 1 << 20);
        RuntimeSettings runtime = new RuntimeSettings(dir.resolve("state"), Duration.ofMillis(100), null, 2);
        StreamExecutionEnvironment env = FlinkSetup.environment(runtime);
        DataStream<SourceRecord> records = env.fromSource(LineFileSource.of(input, 0, 1 << 20),
                WatermarkStrategy.noWatermarks(), "read").uid("source").setParallelism(1);
        Path predictions = dir.resolve("predictions.jsonl");
        ScoreJob.build(config, records).predictions()
                .map(new FailOnceAfterCheckpoint()).uid("fail-once").name("fail once").setParallelism(1)
                .sinkTo(new JsonLinesFileSink<>(predictions, JsonLines.predictions(), false))
                .uid("sink").name("predictions").setParallelism(1);
        env.execute("score with a failure");

        assertThat(FAILED).as("the failure was injected").isTrue();
        List<String> written = new ArrayList<>();
        for (String line : Files.readAllLines(predictions)) {
            written.add(io.riffle.streaming.runtime.JsonFiles.MAPPER.readTree(line).get("id").asText());
        }
        assertThat(written).containsExactlyElementsOf(ids);
    }
}
