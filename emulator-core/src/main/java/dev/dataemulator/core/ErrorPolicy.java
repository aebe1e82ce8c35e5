package dev.dataemulator.core;

/**
 * What a worker does when the sink rejects a record ({@code produce} throws). Either way the record is counted as
 * failed. Failures the sink reports as fatal ({@link dev.dataemulator.core.spi.DeliveryTracker#abort}) always end
 * the emulation.
 */
public enum ErrorPolicy {
    /** End the emulation as {@link EmulationStatus#FAILED} with the first error (default). */
    FAIL,
    /** Count the record as failed and go on; the first error is logged, later ones are counted. */
    CONTINUE
}
