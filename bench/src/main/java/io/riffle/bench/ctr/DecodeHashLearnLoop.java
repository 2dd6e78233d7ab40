package io.riffle.bench.ctr;

import io.riffle.connectors.codec.CtrCodec;
import io.riffle.connectors.codec.CtrDecoded;
import io.riffle.connectors.file.BoundedLineReader;
import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.ctr.FtrlLogisticRegression;
import io.riffle.models.event.HashedImpression;
import io.riffle.models.features.FeatureHasher;
import io.riffle.streaming.ctr.CtrJobConfig;
import java.io.ByteArrayInputStream;

/** The job's per-event work in one thread without Flink: read a line, decode, hash, learn. */
final class DecodeHashLearnLoop {
    private DecodeHashLearnLoop() {}

    /** Runs {@code passes} passes over {@code raw}; returns the number of events learned from. */
    static long run(byte[] raw, CtrJobConfig config, int passes) {
        CtrCodec codec = config.codec().create();
        FeatureHasher hasher = new FeatureHasher(config.features());
        FtrlLogisticRegression ftrl = new FtrlLogisticRegression(config.ftrl(), config.features());
        long events = 0;
        for (int pass = 0; pass < passes; pass++) {
            BoundedLineReader lines = new BoundedLineReader(new ByteArrayInputStream(raw), 1 << 20);
            for (BoundedLineReader.Line l = lines.next(); l != null; l = lines.next()) {
                CtrDecoded d = codec.decode(SourceRecord.line("bench", 0, l.number(), l.text()));
                if (d.impression() != null && d.impression().label() >= 0) {
                    HashedImpression h = hasher.hash(d.impression());
                    ftrl.learn(h.hashes(), h.values(), h.hashes().length, h.label());
                    events++;
                }
            }
        }
        return events;
    }
}
