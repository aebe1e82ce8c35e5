package dev.dataemulator.core.spi;

/**
 * The per-emulation state of a domain, shared by all workers. Thread-safe.
 */
public interface DomainGenerator {

    /**
     * @return a new factory for one worker thread; factories are not shared between threads
     */
    RecordFactory newFactory();

    /**
     * @return the number of distinct records the domain can make (e.g. 9000 user profiles for the default user id
     *     space), or {@link Long#MAX_VALUE} when unbounded
     */
    default long capacity() {
        return Long.MAX_VALUE;
    }
}
