package io.riffle.connectors.codec;

/**
 * What a codec made of one record: a value, nothing (a blank line, a header row), or a failure with the kind of
 * record it seemed to be and the reason, for the dead letter.
 */
public record Decoded<T>(T value, String kind, String failure) {
    private static final Decoded<?> SKIP = new Decoded<>(null, null, null);

    @SuppressWarnings("unchecked")
    public static <T> Decoded<T> skip() {
        return (Decoded<T>) SKIP;
    }

    public static <T> Decoded<T> of(T value, String kind) {
        return new Decoded<>(value, kind, null);
    }

    public static <T> Decoded<T> failed(String kind, String reason) {
        return new Decoded<>(null, kind, reason);
    }

    public boolean isFailure() {
        return failure != null;
    }
}
