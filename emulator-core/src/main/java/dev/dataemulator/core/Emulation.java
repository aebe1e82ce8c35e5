package dev.dataemulator.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

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
     * The end of the emulation as a stage, for callers that react to it instead of blocking: it completes with the
     * final report (whatever the status: {@code COMPLETED}, {@code STOPPED} or {@code FAILED}, the cause then in
     * {@link EmulationReport#failure()}) once the sink is flushed and closed and the counts are final. Actions
     * attached without an executor run on the worker thread that ended the emulation, or at once on the caller's
     * thread when it already ended; keep them short or pass an executor. Completing or cancelling the stage (or
     * its {@code toCompletableFuture()}) does not affect the emulation: use {@link #stop()}.
     *
     * @return a stage that completes with the final report; never completes exceptionally
     */
    CompletionStage<EmulationReport> completion();

    /**
     * Stops and waits (up to {@link EmulationSpec#closeTimeout()}) for the emulation to end. Idempotent.
     */
    @Override
    void close();
}
