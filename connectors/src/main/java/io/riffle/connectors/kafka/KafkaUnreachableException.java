package io.riffle.connectors.kafka;

/**
 * No broker at the configured address answered in time; the message names the address, the wait and the retry
 * policy. An {@link IllegalArgumentException}: what to fix is the address or the cluster, and the command line
 * reports it as such, without a stack trace.
 */
public final class KafkaUnreachableException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public KafkaUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
