package io.riffle.connectors.kafka;

/** No broker of the configured cluster answered in time; the message names the address and what was tried. */
public final class KafkaUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KafkaUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
