package io.riffle.streaming.onnx;

import static io.riffle.streaming.runtime.SummaryFields.finite;
import static io.riffle.streaming.runtime.SummaryFields.perSecond;
import static io.riffle.streaming.runtime.SummaryFields.putSpeed;

import com.fasterxml.jackson.databind.JsonNode;
import io.riffle.connectors.codec.CtrCodec;
import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrDecoded;
import io.riffle.connectors.file.BoundedLineReader;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.ctr.LogisticLoss;
import io.riffle.models.event.Labels;
import io.riffle.models.metrics.StreamingAuc;
import io.riffle.streaming.runtime.JsonFiles;
import io.riffle.streaming.runtime.RunSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * What a finished {@code riffle score} run did, read back from its outputs: counts, the model version(s), the device,
 * and, when the input carries labels, the AUC and log loss of the predictions. Labels are an impression's own
 * {@code label}, or, when the input also has label events, 1 for an impression a click names and 0 otherwise.
 * (Reading labels back keeps one entry per labelled impression in memory.)
 */
public record ScoreSummary(long events, long predictions, long deadLetters, long labelled, long positives,
                           double auc, double logLoss, long firstModelVersion, long lastModelVersion, String device,
                           String fallbackReason, int batch, long batchTimeoutMillis, int parallelism,
                           double wallSeconds, double eventsPerSecond, String model, String mapping)
        implements RunSummary {

    static ScoreSummary read(ScoreOutputs outputs, Path input, CtrCodecSpec codecSpec, int maxRecordBytes,
                             ScoreRun.Request request, String device, String fallbackReason, double wall)
            throws IOException {
        Map<String, Integer> inline = new HashMap<>();
        Set<String> clicked = new HashSet<>();
        boolean[] labelEvents = {false};
        CtrCodec codec = codecSpec.create();
        try (InputStream raw = Files.newInputStream(input);
             InputStream in = input.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            BoundedLineReader reader = new BoundedLineReader(in, maxRecordBytes);
            BoundedLineReader.Line line;
            while ((line = reader.next()) != null) {
                if (line.error() != null) {
                    continue;
                }
                CtrDecoded d = codec.decode(SourceRecord.line(input.toString(), 0, line.number(), line.text()));
                if (d.impression() != null && Labels.isKnown(d.impression().label())) {
                    inline.put(d.impression().id(), d.impression().label());
                } else if (d.label() != null) {
                    labelEvents[0] = true;
                    if (d.label().label() == 1) {
                        clicked.add(d.label().id());
                    }
                }
            }
        }
        long predictions = 0;
        long labelled = 0;
        long positives = 0;
        double loss = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        StreamingAuc auc = new StreamingAuc();
        if (Files.exists(outputs.predictions())) {
            try (BufferedReader r = Files.newBufferedReader(outputs.predictions(), StandardCharsets.UTF_8)) {
                String text;
                while ((text = r.readLine()) != null) {
                    JsonNode p = JsonFiles.MAPPER.readTree(text);
                    predictions++;
                    long v = p.path("modelVersion").asLong();
                    first = Math.min(first, v);
                    last = Math.max(last, v);
                    String id = p.path("id").asText();
                    Integer label = inline.get(id);
                    if (label == null && labelEvents[0]) {
                        label = clicked.contains(id) ? 1 : 0;
                    }
                    if (label != null) {
                        double score = p.path("score").asDouble();
                        labelled++;
                        positives += label;
                        loss += LogisticLoss.loss(score, label);
                        auc.add(score, label);
                    }
                }
            }
        }
        long dead = JsonFiles.countLines(outputs.deadLetters());
        long deadEvents = 0;
        if (dead > 0) {
            try (BufferedReader r = Files.newBufferedReader(outputs.deadLetters(), StandardCharsets.UTF_8)) {
                String text;
                while ((text = r.readLine()) != null) {
                    String kind = JsonFiles.MAPPER.readTree(text).path("kind").asText();
                    if (kind.equals("impression") || kind.equals("unknown")) {
                        deadEvents++;
                    }
                }
            }
        }
        long events = predictions + deadEvents;
        var cfg = request.config();
        return new ScoreSummary(events, predictions, dead, labelled, positives,
                labelled > 0 ? auc.value() : Double.NaN, labelled > 0 ? loss / labelled : Double.NaN,
                predictions > 0 ? first : -1, predictions > 0 ? last : -1, device, fallbackReason,
                cfg.batch().maxBatch(), cfg.batch().maxDelayMillis(), cfg.parallelism(), wall,
                perSecond(events, wall), cfg.scorer().modelPath(), request.mappingFile());
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", events);
        out.put("predictions", predictions);
        out.put("deadLetters", deadLetters);
        out.put("labelled", labelled);
        out.put("positives", positives);
        out.put("auc", finite(auc));
        out.put("logLoss", finite(logLoss));
        out.put("modelVersion", lastModelVersion);
        out.put("firstModelVersion", firstModelVersion);
        out.put("device", device);
        if (fallbackReason != null) {
            out.put("deviceFallback", fallbackReason);
        }
        out.put("batch", batch);
        out.put("batchTimeoutMs", batchTimeoutMillis);
        out.put("parallelism", parallelism);
        out.put("model", model);
        out.put("mapping", mapping);
        putSpeed(out, wallSeconds, eventsPerSecond);
        return out;
    }

    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("events %,d (predictions %,d, dead letters %,d); model version %d; device %s%n",
                events, predictions, deadLetters, lastModelVersion, device));
        if (labelled > 0) {
            s.append(String.format("labelled %,d (%,d clicks): AUC %.4f, log loss %.5f%n", labelled, positives, auc,
                    logLoss));
        }
        s.append(String.format("batches of up to %d events or %d ms; %.1f s wall, %,.0f events/s", batch,
                batchTimeoutMillis, wallSeconds, eventsPerSecond));
        return s.toString();
    }
}
