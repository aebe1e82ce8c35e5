package dev.dataemulator.core.spi;

/**
 * Where a sink reports the outcome of records it took. Thread-safe; may be called from client callback threads.
 * Every record taken is reported exactly once, as delivered or failed.
 */
public interface DeliveryTracker {

    /**
     * @return a tracker that records nothing: for records made outside an emulation ({@code Fixtures}, benchmarks,
     *     tests that drive a sink by hand), whose outcome nobody counts
     */
    static DeliveryTracker none() {
        return Untracked.INSTANCE;
    }

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
     * Reports the size of records in the encoding the sink wrote them in, before any compression: a JSON value sent
     * to Kafka, a JSON Lines or CSV line, an Avro datum, a Parquet record's values. Summed into
     * {@link dev.dataemulator.core.EmulationStats#bytes()}. Call it once per record encoded (or once for several);
     * a sink that encodes nothing (the memory sink) does not call it.
     *
     * @param bytes encoded bytes
     */
    default void encoded(long bytes) {
        // counting is optional
    }

    /**
     * Fails the emulation fast: workers stop after the record in hand. Does not count any record; report them with
     * {@link #failed(long, Throwable)} as well.
     *
     * @param cause a fatal error (authentication, authorization, a resource that vanished)
     */
    void abort(Throwable cause);
}

/** The tracker of {@link DeliveryTracker#none()}. */
enum Untracked implements DeliveryTracker {
    INSTANCE;

    @Override
    public void delivered(long records) {
    }

    @Override
    public void failed(long records, Throwable cause) {
    }

    @Override
    public void abort(Throwable cause) {
    }
}
