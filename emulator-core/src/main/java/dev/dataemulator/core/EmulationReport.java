package dev.dataemulator.core;

import java.util.List;
import java.util.Optional;

/**
 * What an emulation did. While it runs, a report is a snapshot; once {@link #status()} is terminal it is final.
 *
 * @param id the emulation id
 * @param domain the domain
 * @param resource the topic or bucket written to
 * @param seed the seed the records derive from (chosen at random when the spec set none)
 * @param status the status
 * @param stats the counts
 * @param workers per-worker status
 * @param failureCause why the emulation failed, or {@code null}
 * @param stopReason why production stopped; {@code null} while the emulation runs (see {@link #stopped()})
 */
public record EmulationReport(String id, String domain, String resource, long seed, EmulationStatus status,
        EmulationStats stats, List<WorkerStatus> workers, Throwable failureCause, StopReason stopReason) {

    public EmulationReport {
        workers = List.copyOf(workers);
    }

    /** @return why the emulation failed, when it did */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failureCause);
    }

    /** @return why production stopped, once the emulation has ended (empty while it runs) */
    public Optional<StopReason> stopped() {
        return Optional.ofNullable(stopReason);
    }
}
