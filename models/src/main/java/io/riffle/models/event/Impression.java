package io.riffle.models.event;

/**
 * An impression as decoded from its source, before feature hashing.
 *
 * <p>Categorical fields are parallel arrays {@code fields[i] = values[i]}; numeric fields likewise. Arrays (not maps)
 * keep the record a Flink POJO with no generic fallback.
 *
 * @param id            event id; labels join on it
 * @param time          event time, epoch milliseconds
 * @param seq           the record's place in the input: {@link SourcePosition#pack(int, long)}; breaks ties in time
 * @param fields        categorical field names
 * @param values        categorical values, same length as {@code fields}
 * @param numericFields numeric field names
 * @param numeric       numeric values, finite, same length as {@code numericFields}
 * @param label         0, 1, or {@link Labels#NONE}
 */
public record Impression(
        String id,
        long time,
        long seq,
        String[] fields,
        String[] values,
        String[] numericFields,
        double[] numeric,
        int label) {

    public Impression withoutLabel() {
        return new Impression(id, time, seq, fields, values, numericFields, numeric, Labels.NONE);
    }
}
