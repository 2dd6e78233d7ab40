package io.riffle.connectors.codec;

import java.util.Locale;

/** The input formats {@code --format} accepts for CTR events. */
public enum CtrFormat {
    /** Riffle's canonical JSON lines: impressions and label events, possibly mixed in one file. */
    JSONL,
    /** Criteo display-advertising TSV: label, I1–I13, C1–C26. */
    CRITEO,
    /** Avazu CSV with a header row; {@code hour} (YYMMDDHH, UTC) gives event time. */
    AVAZU,
    /** libSVM / libFM: {@code label idx:val …}, labels 0/1 or -1/+1. */
    LIBSVM,
    /** Any CSV with a header row and a column-role mapping ({@code --csv-columns}). */
    CSV;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when records of this format may be label events (so a label join is needed). */
    public boolean carriesLabelEvents() {
        return this == JSONL;
    }

    /** True when the first line is a header. */
    public boolean hasHeader() {
        return this == AVAZU || this == CSV;
    }

    public static CtrFormat parse(String name) {
        for (CtrFormat f : values()) {
            if (f.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "'; use one of jsonl, criteo, avazu, libsvm,"
                + " csv");
    }
}
