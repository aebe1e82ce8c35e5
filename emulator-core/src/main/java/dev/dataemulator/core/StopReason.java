package dev.dataemulator.core;

/**
 * Why an emulation stopped producing, as {@link EmulationReport#stopReason()} tells once it has ended.
 *
 * <p>The reason is the first condition that stopped production. A run stopped by its duration whose final flush then
 * failed ends {@link EmulationStatus#FAILED} with the reason {@link #DURATION}; the status says how it ended, the
 * reason why production stopped.
 */
public enum StopReason {
    /** The duration ({@link EmulationSpec#duration()}) elapsed. */
    DURATION,
    /** {@link EmulationSpec#maxRecords()} records were made. */
    MAX_RECORDS,
    /** The domain had no more records (e.g. every user profile was made). */
    EXHAUSTED,
    /** {@link Emulation#stop()} or {@link Emulation#close()} was called, or a worker was interrupted. */
    STOPPED,
    /** An error stopped it; {@link EmulationReport#failure()} holds the cause. */
    FAILED;

    /** @return a short phrase for summaries, e.g. {@code "duration elapsed"} */
    public String describe() {
        return switch (this) {
            case DURATION -> "duration elapsed";
            case MAX_RECORDS -> "max records reached";
            case EXHAUSTED -> "domain exhausted";
            case STOPPED -> "stopped on request";
            case FAILED -> "failed";
        };
    }
}
