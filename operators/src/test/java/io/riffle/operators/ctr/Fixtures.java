package io.riffle.operators.ctr;

import io.riffle.models.event.Example;
import io.riffle.models.event.HashedImpression;
import io.riffle.models.event.LabelEvent;
import io.riffle.models.event.LabelSource;
import io.riffle.models.event.Labels;
import io.riffle.models.event.SourcePosition;
import io.riffle.operators.common.SourceNames;
import java.util.List;

/** Small events for operator tests. */
final class Fixtures {
    static final SourceNames SOURCES = new SourceNames(List.of("clicks.jsonl", "labels.jsonl"));

    private Fixtures() {}

    static HashedImpression impression(String id, long time, int feature) {
        return new HashedImpression(id, time, SourcePosition.pack(0, time), new int[] {1, feature},
                new float[] {1f, 1f}, Labels.NONE);
    }

    static LabelEvent label(String id, long time, int label) {
        return new LabelEvent(id, time, SourcePosition.pack(1, time), label);
    }

    static Example example(long time, int feature, int label) {
        return new Example("e" + time, time, time, SourcePosition.pack(0, time), new int[] {1, feature},
                new float[] {1f, 1f}, label, LabelSource.ROW);
    }
}
