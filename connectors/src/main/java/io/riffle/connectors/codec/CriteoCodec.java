package io.riffle.connectors.codec;

import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.event.Labels;

/**
 * Criteo display-advertising TSV (the Kaggle 2014 and Criteo 1TB layout): {@code label, I1..I13, C1..C26}, tab
 * separated, any field but the label may be empty; a row of 39 fields has no label (the challenge's test file).
 *
 * <p>Integer features become categorical buckets, as in the winning Kaggle solution (Juan et al. 2014): {@code v} if
 * {@code v ≤ 2}, else {@code floor(ln(v)²)} — so that linear models see counts on a log scale. Empty fields are
 * absent features. The id is the line number (prefixed by the input index for a second input); time is row order.
 */
public final class CriteoCodec implements CtrCodec {
    static final int INTEGER_FIELDS = 13;
    static final int CATEGORICAL_FIELDS = 26;
    private static final String[] I_NAMES = names("I", INTEGER_FIELDS);
    private static final String[] C_NAMES = names("C", CATEGORICAL_FIELDS);

    private final long rowTimeStepMillis;
    private final FeatureBuffer buffer = new FeatureBuffer();
    private final String[] parts = new String[41];

    public CriteoCodec(long rowTimeStepMillis) {
        this.rowTimeStepMillis = rowTimeStepMillis;
    }

    @Override
    public CtrDecoded decode(SourceRecord record) {
        String text = record.text();
        if (text.isEmpty()) {
            return CtrDecoded.SKIP;
        }
        int n = Split.split(text, '\t', parts);
        int offset;
        int label;
        if (n == 1 + INTEGER_FIELDS + CATEGORICAL_FIELDS) {
            offset = 1;
            if (parts[0].equals("1")) {
                label = 1;
            } else if (parts[0].equals("0")) {
                label = 0;
            } else {
                return CtrDecoded.failed("impression", "label must be 0 or 1, got '" + Split.excerpt(parts[0]) + "'");
            }
        } else if (n == INTEGER_FIELDS + CATEGORICAL_FIELDS) {
            offset = 0;
            label = Labels.NONE;
        } else {
            return CtrDecoded.failed("impression", "expected 40 tab-separated fields (label, I1-I13, C1-C26) or 39"
                    + " without the label, got " + (n > 40 ? "more than 40" : String.valueOf(n)));
        }
        buffer.clear();
        for (int k = 0; k < INTEGER_FIELDS; k++) {
            String v = parts[offset + k];
            if (v.isEmpty()) {
                continue;
            }
            long value;
            try {
                value = Long.parseLong(v);
            } catch (NumberFormatException e) {
                return CtrDecoded.failed("impression", I_NAMES[k] + " is not an integer: '" + Split.excerpt(v)
                        + "'");
            }
            buffer.categorical(I_NAMES[k], Long.toString(bucket(value)));
        }
        for (int k = 0; k < CATEGORICAL_FIELDS; k++) {
            String v = parts[offset + INTEGER_FIELDS + k];
            if (!v.isEmpty()) {
                buffer.categorical(C_NAMES[k], v);
            }
        }
        String id = Split.rowId(record);
        return CtrDecoded.of(buffer.build(id, EventTimes.rowTime(record, rowTimeStepMillis), record.seq(), label));
    }

    /** Log-square bucketing of a count. */
    static long bucket(long v) {
        if (v <= 2) {
            return v;
        }
        double log = Math.log(v);
        return (long) Math.floor(log * log);
    }

    private static String[] names(String prefix, int count) {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = prefix + (i + 1);
        }
        return out;
    }
}
