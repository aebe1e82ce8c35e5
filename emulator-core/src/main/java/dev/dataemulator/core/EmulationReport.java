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
 */
public record EmulationReport(String id, String domain, String resource, long seed, EmulationStatus status,
        EmulationStats stats, List<WorkerStatus> workers, Throwable failureCause) {

    public EmulationReport {
        workers = List.copyOf(workers);
    }

    /** @return why the emulation failed, when it did */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failureCause);
    }
}
