package io.riffle.operators.common;

import io.riffle.models.event.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side output every operator sends unusable records to. */
public final class DeadLetters {
    public static final OutputTag<DeadLetter> TAG = new OutputTag<>("dead-letters",
            TypeInformation.of(DeadLetter.class));

    private DeadLetters() {}
}
