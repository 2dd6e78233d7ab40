package io.riffle.connectors.codec;

import io.riffle.connectors.source.SourceRecord;

/**
 * libSVM / libFM lines: {@code label idx:val idx:val …}. Labels are 0/1 or -1/+1 ({@code +1}, {@code 1.0} also
 * accepted). Each {@code idx} becomes a numeric feature named by the index, with value {@code val}; {@code qid:}
 * tokens are ignored and anything after {@code #} is a comment. The id is the line number; time is row order.
 */
public final class LibsvmCodec implements CtrCodec {
    private final long rowTimeStepMillis;
    private final FeatureBuffer buffer = new FeatureBuffer();

    public LibsvmCodec(long rowTimeStepMillis) {
        this.rowTimeStepMillis = rowTimeStepMillis;
    }

    @Override
    public CtrDecoded decode(SourceRecord record) {
        String text = record.text();
        int hash = text.indexOf('#');
        if (hash >= 0) {
            text = text.substring(0, hash);
        }
        int length = text.length();
        int i = skipSpace(text, 0);
        if (i == length) {
            return CtrDecoded.SKIP;
        }
        int end = tokenEnd(text, i);
        int label;
        switch (text.substring(i, end)) {
            case "1", "+1", "1.0", "+1.0" -> label = 1;
            case "0", "-1", "0.0", "-1.0" -> label = 0;
            default -> {
                return CtrDecoded.failed("impression", "label must be 0/1 or -1/+1, got '"
                        + Split.excerpt(text.substring(i, end)) + "'");
            }
        }
        buffer.clear();
        i = skipSpace(text, end);
        while (i < length) {
            end = tokenEnd(text, i);
            int colon = text.indexOf(':', i);
            if (colon < 0 || colon >= end || colon == i || colon == end - 1) {
                return CtrDecoded.failed("impression", "feature '" + Split.excerpt(text.substring(i, end))
                        + "' is not idx:val");
            }
            String index = text.substring(i, colon);
            if (!index.equals("qid")) {
                double v;
                try {
                    v = Decimals.parse(text, colon + 1, end);
                } catch (NumberFormatException e) {
                    return CtrDecoded.failed("impression", "feature " + index + " has a value that is not a number: '"
                            + Split.excerpt(text.substring(colon + 1, end)) + "'");
                }
                if (!Double.isFinite(v)) {
                    return CtrDecoded.failed("impression", "feature " + index + " is not finite: "
                            + text.substring(colon + 1, end));
                }
                buffer.numeric(index, v);
            }
            i = skipSpace(text, end);
        }
        return CtrDecoded.of(buffer.build(Split.rowId(record), EventTimes.rowTime(record, rowTimeStepMillis),
                record.seq(), label));
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int tokenEnd(String s, int i) {
        while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
            i++;
        }
        return i;
    }
}
