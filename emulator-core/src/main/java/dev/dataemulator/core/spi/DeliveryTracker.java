package dev.dataemulator.core.spi;

/**
 * Where a sink reports the outcome of records it took. Thread-safe; may be called from client callback threads.
 * Every record taken is reported exactly once, as delivered or failed.
 */
public interface DeliveryTracker {

    /**
     * @param records how many records became durable
     */
    void delivered(long records);

    /**
     * @param records how many records will never be delivered
     * @param cause why
     */
    void failed(long records, Throwable cause);

    /**
     * Fails the emulation fast: workers stop after the record in hand. Does not count any record; report them with
     * {@link #failed(long, Throwable)} as well.
     *
     * @param cause a fatal error (authentication, authorization, a resource that vanished)
     */
    void abort(Throwable cause);
}
