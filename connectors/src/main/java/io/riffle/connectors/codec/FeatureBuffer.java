package io.riffle.connectors.codec;

import io.riffle.models.event.Impression;
import java.util.Arrays;

/** Collects one record's categorical and numeric fields, then builds an {@link Impression} with exact-size arrays. */
final class FeatureBuffer {
    private String[] fields = new String[64];
    private String[] values = new String[64];
    private String[] numericFields = new String[64];
    private double[] numeric = new double[64];
    private int categoricalCount;
    private int numericCount;

    void clear() {
        categoricalCount = 0;
        numericCount = 0;
    }

    void categorical(String field, String value) {
        if (categoricalCount == fields.length) {
            fields = Arrays.copyOf(fields, fields.length * 2);
            values = Arrays.copyOf(values, values.length * 2);
        }
        fields[categoricalCount] = field;
        values[categoricalCount++] = value;
    }

    void numeric(String field, double value) {
        if (numericCount == numericFields.length) {
            numericFields = Arrays.copyOf(numericFields, numericFields.length * 2);
            numeric = Arrays.copyOf(numeric, numeric.length * 2);
        }
        numericFields[numericCount] = field;
        numeric[numericCount++] = value;
    }

    Impression build(String id, long time, long seq, int label) {
        return new Impression(id, time, seq, Arrays.copyOf(fields, categoricalCount),
                Arrays.copyOf(values, categoricalCount), Arrays.copyOf(numericFields, numericCount),
                Arrays.copyOf(numeric, numericCount), label);
    }
}
