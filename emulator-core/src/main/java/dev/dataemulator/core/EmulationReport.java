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
 * @param domainReports for a run of several domains, the report of each domain in the run's order (this report's
 *     counts are their sums, its workers theirs, its status {@code FAILED} when one failed, its stop reason
 *     {@code FAILED}, else {@code STOPPED} when one was stopped, else that of the domain that ended last); empty for
 *     a run of one domain (see {@link #perDomain()})
 */
public record EmulationReport(String id, String domain, String resource, long seed, EmulationStatus status,
        EmulationStats stats, List<WorkerStatus> workers, Throwable failureCause, StopReason stopReason,
        List<EmulationReport> domainReports) {

    public EmulationReport {
        workers = List.copyOf(workers);
        domainReports = domainReports == null ? List.of() : List.copyOf(domainReports);
    }

    /** The report of a run of one domain. */
    public EmulationReport(String id, String domain, String resource, long seed, EmulationStatus status,
            EmulationStats stats, List<WorkerStatus> workers, Throwable failureCause, StopReason stopReason) {
        this(id, domain, resource, seed, status, stats, workers, failureCause, stopReason, List.of());
    }

    /** @return the report of each domain of the run, in its order: this report alone for a run of one domain */
    public List<EmulationReport> perDomain() {
        return domainReports.isEmpty() ? List.of(this) : domainReports;
    }

    /**
     * @param name a domain of the run
     * @return its report, if it is a domain of the run
     */
    public Optional<EmulationReport> forDomain(String name) {
        return perDomain().stream().filter(report -> report.domain().equals(name)).findFirst();
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
