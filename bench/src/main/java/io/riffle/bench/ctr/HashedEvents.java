package io.riffle.bench.ctr;

import io.riffle.connectors.codec.CtrCodec;
import io.riffle.connectors.codec.CtrCodecSpec;
import io.riffle.connectors.codec.CtrDecoded;
import io.riffle.connectors.file.BoundedLineReader;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.event.HashedImpression;
import io.riffle.models.features.FeatureHasher;
import io.riffle.models.features.FeatureSpace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/** Labelled events decoded and hashed once, in memory, for the bare kernel loops. */
public final class HashedEvents {
    public final int[][] hashes;
    public final float[][] values;
    public final int[] labels;

    private HashedEvents(List<HashedImpression> events) {
        hashes = new int[events.size()][];
        values = new float[events.size()][];
        labels = new int[events.size()];
        for (int i = 0; i < events.size(); i++) {
            hashes[i] = events.get(i).hashes();
            values[i] = events.get(i).values();
            labels[i] = events.get(i).label();
        }
    }

    public int size() {
        return labels.length;
    }

    /** Reads every labelled impression of {@code file} (decoded with {@code codec}, hashed into {@code space}). */
    public static HashedEvents read(Path file, CtrCodecSpec codecSpec, FeatureSpace space) throws IOException {
        CtrCodec codec = codecSpec.create();
        FeatureHasher hasher = new FeatureHasher(space);
        List<HashedImpression> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            BoundedLineReader lines = new BoundedLineReader(in, 1 << 20);
            for (BoundedLineReader.Line l = lines.next(); l != null; l = lines.next()) {
                if (l.text() == null) {
                    continue;
                }
                CtrDecoded d = codec.decode(SourceRecord.line(file.toString(), 0, l.number(), l.text()));
                if (d.impression() != null && d.impression().label() >= 0) {
                    out.add(hasher.hash(d.impression()));
                }
            }
        }
        return new HashedEvents(out);
    }

    /** Seeded synthetic events with {@code features} hashes each (a bias and random features). */
    public static HashedEvents synthetic(int count, int features, long seed) {
        Random r = new Random(seed);
        List<HashedImpression> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int[] h = new int[features];
            float[] v = new float[features];
            for (int k = 0; k < features; k++) {
                h[k] = k == 0 ? 0x5bd1e995 : r.nextInt();
                v[k] = 1f;
            }
            out.add(new HashedImpression("e" + i, i, i, h, v, r.nextInt(30) == 0 ? 1 : 0));
        }
        return new HashedEvents(out);
    }
}
