package io.riffle.connectors.graph;

import io.riffle.connectors.codec.CodecSpec;
import io.riffle.connectors.codec.RecordCodec;
import io.riffle.models.graph.event.EdgeEvent;

/**
 * How edge records are decoded: the format, the number of edge features each record must carry, the unit of the
 * times of formats that are not in epoch milliseconds, and whether self-loops are kept.
 *
 * @param format         the input format
 * @param featureWidth   edge features per record, in [0, 4096]; {@link #ANY_WIDTH} accepts any width (for scanning a
 *                       file before the width is known)
 * @param timeUnitMillis milliseconds per time unit of JODIE and SNAP times (1000: seconds, the SNAP and JODIE
 *                       convention); JSON lines are always epoch milliseconds
 * @param keepSelfLoops  whether an interaction of a node with itself is kept (default: dead-lettered)
 */
public record EdgeCodecSpec(EdgeFormat format, int featureWidth, long timeUnitMillis, boolean keepSelfLoops)
        implements CodecSpec<EdgeEvent> {
    /** Any number of features is accepted. */
    public static final int ANY_WIDTH = -1;
    public static final int MAX_FEATURES = 4096;

    public EdgeCodecSpec {
        if (format == null) {
            throw new IllegalArgumentException("an edge format must be given");
        }
        if (featureWidth < ANY_WIDTH || featureWidth > MAX_FEATURES) {
            throw new IllegalArgumentException("--edge-features must be in [0, " + MAX_FEATURES + "], got "
                    + featureWidth);
        }
        if (timeUnitMillis < 1) {
            throw new IllegalArgumentException("the time unit must be at least 1 ms, got " + timeUnitMillis);
        }
    }

    /** Seconds for SNAP and JODIE times, no edge features, self-loops dead-lettered. */
    public static EdgeCodecSpec of(EdgeFormat format) {
        return new EdgeCodecSpec(format, 0, 1000, false);
    }

    public EdgeCodecSpec withFeatureWidth(int width) {
        return new EdgeCodecSpec(format, width, timeUnitMillis, keepSelfLoops);
    }

    @Override
    public RecordCodec<EdgeEvent> create() {
        EdgeChecks checks = new EdgeChecks(featureWidth, keepSelfLoops);
        return switch (format) {
            case JSONL -> new EdgeJsonCodec(checks);
            case JODIE -> new JodieCodec(checks, timeUnitMillis);
            case SNAP -> new SnapCodec(checks, timeUnitMillis);
        };
    }
}
