package io.riffle.models.scoring;

import io.riffle.models.event.HashedImpression;
import io.riffle.models.event.Impression;
import java.io.Serializable;

/** Reads the identity of an event that a scorer emits a prediction for. */
public interface EventAccess<E> extends Serializable {
    String id(E event);

    long time(E event);

    /** The event's input position ({@code SourcePosition}); breaks ties in time. */
    long seq(E event);

    /** Raw impressions. */
    EventAccess<Impression> IMPRESSION = new EventAccess<>() {
        @Override
        public String id(Impression e) {
            return e.id();
        }

        @Override
        public long time(Impression e) {
            return e.time();
        }

        @Override
        public long seq(Impression e) {
            return e.seq();
        }
    };

    /** Hashed impressions. */
    EventAccess<HashedImpression> HASHED = new EventAccess<>() {
        @Override
        public String id(HashedImpression e) {
            return e.id();
        }

        @Override
        public long time(HashedImpression e) {
            return e.time();
        }

        @Override
        public long seq(HashedImpression e) {
            return e.seq();
        }
    };
}
