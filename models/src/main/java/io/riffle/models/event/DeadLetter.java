package io.riffle.models.event;

/**
 * An input record that could not be used, with why and where it came from. Bad input never stops a job.
 *
 * @param kind      what the record was meant to be: {@code impression}, {@code label}, {@code unknown} (could not
 *                  tell), {@code point}, {@code edge}
 * @param source    file path or topic
 * @param partition Kafka partition, or -1 for files
 * @param position  line number (files, 1-based) or offset (Kafka)
 * @param reason    what is wrong, for a person to read
 * @param payload   the record (cut to a few kB)
 */
public record DeadLetter(String kind, String source, int partition, long position, String reason, String payload) {

    /** Records longer than this are cut in the dead letter: the position says where to find the whole. */
    public static final int MAX_PAYLOAD_CHARS = 4096;

    public static DeadLetter of(String kind, String source, int partition, long position, String reason,
                                String payload) {
        String cut = payload == null ? "" : payload;
        if (cut.length() > MAX_PAYLOAD_CHARS) {
            cut = cut.substring(0, MAX_PAYLOAD_CHARS) + "…";
        }
        return new DeadLetter(kind, source, partition, position, reason, cut);
    }
}
