package dev.dataemulator.core;

import java.time.Duration;

/**
 * Counts of an emulation, live or final. After completion {@code generated == delivered + failed}; while running,
 * the difference is what sinks hold in flight.
 *
 * @param generated records made by the workers and handed to the sink
 * @param delivered records the sink reported durable
 * @param failed records that will never be delivered
 * @param bytes size of the records as the sink encoded them, before compression (JSON values for Kafka and stdout,
 *     the lines of JSON Lines and CSV objects, Avro data, Parquet values), as the sink reported it with
 *     {@link dev.dataemulator.core.spi.DeliveryTracker#encoded(long)}; 0 for a sink that encodes nothing (memory)
 * @param elapsed time since the workers started
 */
public record EmulationStats(long generated, long delivered, long failed, long bytes, Duration elapsed) {

    /** @return records not yet reported delivered or failed */
    public long inFlight() {
        return generated - delivered - failed;
    }

    /** @return generated records per second over {@link #elapsed()}, 0 before any time elapsed */
    public double ratePerSecond() {
        long nanos = elapsed.toNanos();
        return nanos <= 0 ? 0 : generated * 1e9 / nanos;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "generated=%d delivered=%d failed=%d bytes=%d elapsed=%.1fs rate=%.0f/s",
                generated, delivered, failed, bytes, elapsed.toMillis() / 1000.0, ratePerSecond());
    }
}
