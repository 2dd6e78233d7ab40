package io.riffle.models.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riffle.models.event.Impression;
import io.riffle.models.event.Labels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The FinalMLP fixture made by {@code onnx/finalmlp/finalmlp.py} with PyTorch: the exported model, its mapping,
 * held-out impressions and PyTorch's score (and ids) for each.
 */
public final class FinalMlpFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String DIR = "/onnx/finalmlp/";

    /** PyTorch's output for one fixture impression. */
    public record Expected(String id, long[] ids, double score) {}

    private FinalMlpFixture() {}

    public static byte[] model() {
        return bytes("finalmlp.onnx");
    }

    public static OnnxMapping mapping() {
        return OnnxMapping.parse(new String(bytes("mapping.json"), StandardCharsets.UTF_8), null);
    }

    /** A fixture file on disk (the test resources folder in target/). */
    public static Path path(String name) {
        try {
            return Path.of(FinalMlpFixture.class.getResource(DIR + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Impression> events() {
        List<Impression> out = new ArrayList<>();
        long seq = 0;
        for (JsonNode n : lines("events.jsonl")) {
            List<String> fields = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.get("features").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.add(e.getKey());
                values.add(e.getValue().asText());
            }
            List<String> numericFields = new ArrayList<>();
            List<Double> numeric = new ArrayList<>();
            if (n.has("numeric")) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.get("numeric").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    numericFields.add(e.getKey());
                    numeric.add(e.getValue().asDouble());
                }
            }
            out.add(new Impression(n.get("id").asText(), n.get("time").asLong(), seq++,
                    fields.toArray(new String[0]), values.toArray(new String[0]),
                    numericFields.toArray(new String[0]), numeric.stream().mapToDouble(Double::doubleValue).toArray(),
                    n.has("label") ? n.get("label").asInt() : Labels.NONE));
        }
        return out;
    }

    public static List<Expected> expected() {
        List<Expected> out = new ArrayList<>();
        for (JsonNode n : lines("expected.jsonl")) {
            long[] ids = new long[n.get("cat_ids").size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = n.get("cat_ids").get(i).asLong();
            }
            out.add(new Expected(n.get("id").asText(), ids, n.get("score").asDouble()));
        }
        return out;
    }

    private static List<JsonNode> lines(String name) {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream(name), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static byte[] bytes(String name) {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = FinalMlpFixture.class.getResourceAsStream(DIR + name);
        if (in == null) {
            throw new IllegalStateException("fixture " + DIR + name + " is missing");
        }
        return in;
    }
}
