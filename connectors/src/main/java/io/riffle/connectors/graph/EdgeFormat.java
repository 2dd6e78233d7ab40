package io.riffle.connectors.graph;

import java.util.Locale;

/** The edge-stream formats {@code riffle run graph --format} accepts (README, "Temporal interaction graphs"). */
public enum EdgeFormat {
    /**
     * Riffle's canonical JSON lines: {@code {"src":"u1","dst":"i9","time":1700000000000,"features":[0.1,0.2],
     * "label":0}}, time in epoch milliseconds (or ISO-8601), {@code features} and {@code label} optional.
     */
    JSONL,
    /** JODIE CSV (Kumar et al. 2019): {@code user_id,item_id,timestamp,state_label,features…}, a header row. */
    JODIE,
    /** SNAP temporal edge list: {@code src dst time}, space, tab or comma separated; {@code #} comments. */
    SNAP;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the format's times are in a configurable unit (seconds by default) rather than epoch ms. */
    public boolean hasTimeUnit() {
        return this != JSONL;
    }

    public static EdgeFormat parse(String name) {
        for (EdgeFormat f : values()) {
            if (f.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; use one of jsonl, jodie, snap");
    }
}
