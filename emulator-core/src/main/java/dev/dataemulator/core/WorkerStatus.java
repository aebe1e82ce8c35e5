package dev.dataemulator.core;

/**
 * The state of one worker thread, like the per-thread entries the Python service this library replaces kept in its repository.
 *
 * @param name the worker's name, {@code emulator-<domain>-<n>}
 * @param state where the worker is
 * @param records records the worker generated
 * @param error the message of the error that ended the worker, or {@code null}
 */
public record WorkerStatus(String name, State state, long records, String error) {

    /** Where a worker is. */
    public enum State {
        /** Not started yet. */
        PENDING,
        /** Producing. */
        STARTED,
        /** Ended normally. */
        FINISHED,
        /** Ended by an error. */
        ERROR
    }
}
