package io.riffle.operators.common;

import io.riffle.models.event.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs dead letters for operators without flooding the log: the 1st, 10th, 100th, … of each operator, with the count
 * and the latest reason and position. Every one is in the dead-letter output; the log says that they are happening.
 */
public final class DeadLetterLog {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterLog.class);

    private final String operator;
    private long count;
    private long next = 1;

    public DeadLetterLog(String operator) {
        this.operator = operator;
    }

    public DeadLetter note(DeadLetter deadLetter) {
        count++;
        if (count == next) {
            next *= 10;
            LOG.warn("{}: {} record{} dead-lettered so far; latest: {} {} at {}{}: {}", operator, count,
                    count == 1 ? "" : "s", deadLetter.kind(), deadLetter.source(), deadLetter.position(),
                    deadLetter.partition() >= 0 ? " (partition " + deadLetter.partition() + ")" : "",
                    deadLetter.reason());
        }
        return deadLetter;
    }
}
