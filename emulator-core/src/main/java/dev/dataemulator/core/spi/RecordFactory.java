package dev.dataemulator.core.spi;

import java.util.SplittableRandom;

/**
 * Makes the records of one domain for one worker thread. Not thread-safe; one instance per worker.
 *
 * <p>Determinism contract: the record returned for {@code seq} must depend only on the emulation seed (through the
 * shared {@link DomainGenerator}), {@code seq}, the {@code random} passed in (itself seeded from seed, domain and
 * seq) and the clock. It must not depend on which worker calls it or on the calls before it.
 */
public interface RecordFactory {

    /**
     * @param seq the record's sequence number in the domain, from 0
     * @param random a generator seeded for this record alone
     * @return the record, or {@code null} when the domain is exhausted at {@code seq} (e.g. no user id left)
     */
    RecordData create(long seq, SplittableRandom random);

    /**
     * The event time of record {@code seq} of a {@linkplain DomainGenerator#timed() timed} domain, asked before
     * {@link #create(long, SplittableRandom)} of the same record. Not called for other domains.
     *
     * @param seq the record's sequence number
     * @return its event time, epoch millis, not decreasing with {@code seq}; {@link Long#MAX_VALUE} when the domain
     *     has no record {@code seq}
     */
    default long eventMillis(long seq) {
        throw new UnsupportedOperationException("not a timed domain: " + getClass().getName());
    }
}
