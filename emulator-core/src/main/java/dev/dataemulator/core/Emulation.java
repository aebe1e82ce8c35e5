package dev.dataemulator.core;

import java.time.Duration;
import java.util.List;

/**
 * A running (or finished) emulation, returned by {@link EmulationRunner#start(EmulationSpec)}. Thread-safe.
 *
 * <p>Closing stops the emulation and waits for it to finish, so try-with-resources never leaks worker threads.
 */
public interface Emulation extends AutoCloseable {

    /** @return the emulation id, also written into every envelope */
    String id();

    /** @return the spec the emulation runs */
    EmulationSpec spec();

    /** @return the current status */
    EmulationStatus status();

    /** @return the current status of every worker */
    List<WorkerStatus> workers();

    /** @return live counts */
    EmulationStats stats();

    /** @return a snapshot report; final once the status is terminal */
    EmulationReport report();

    /**
     * Asks the workers to stop after the record in hand; the emulation then flushes the sink and ends as
     * {@link EmulationStatus#STOPPED} (unless it already ended). Returns at once; idempotent.
     */
    void stop();

    /**
     * Waits for the emulation to end.
     *
     * @param timeout how long to wait
     * @return the final report
     * @throws EmulatorException when it has not ended within {@code timeout}, or the wait was interrupted
     */
    EmulationReport awaitCompletion(Duration timeout);

    /**
     * Stops and waits (up to {@link EmulationSpec#closeTimeout()}) for the emulation to end. Idempotent.
     */
    @Override
    void close();
}
