package dev.dataemulator.core.internal;

import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStats;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.StopReason;
import dev.dataemulator.core.WorkerStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several domains run as one emulation: one {@link DefaultEmulation} per domain, all with the run's id and seed (the
 * spec's, else one chosen here), each started from {@link EmulationSpec#forDomain(String)} to a resource of its own,
 * behind one handle. A
 * domain that fails stops the others; the run ends when every domain has ended, with a report whose
 * {@link EmulationReport#perDomain()} holds each domain's.
 */
public final class EmulationGroup implements Emulation {
    private static final Logger LOG = LoggerFactory.getLogger(EmulationGroup.class);

    private final EmulationSpec spec;
    private final String id;
    private final long seed;
    private final List<DefaultEmulation> members;
    private final AtomicInteger running;
    private final CompletableFuture<EmulationReport> done = new CompletableFuture<>();
    private volatile StopReason lastReason;

    private EmulationGroup(EmulationSpec spec, String id, long seed, List<DefaultEmulation> members) {
        this.spec = spec;
        this.id = id;
        this.seed = seed;
        this.members = List.copyOf(members);
        this.running = new AtomicInteger(members.size());
    }

    /**
     * Starts a run of one domain or of several, after logging {@link EmulationSpec#referenceWarning()} when there
     * is one.
     *
     * @param spec what to run
     * @return a {@link DefaultEmulation} for one domain, an {@code EmulationGroup} for several
     */
    public static Emulation start(EmulationSpec spec) {
        spec.referenceWarning().ifPresent(warning -> LOG.warn("Emulation{}: {}",
                spec.id().map(id -> " '" + id + "'").orElse(""), warning));
        List<String> domains = spec.domains();
        if (domains.size() == 1) {
            return DefaultEmulation.start(spec);
        }
        Map<String, String> byResource = new LinkedHashMap<>();
        for (String domain : domains) {
            String other = byResource.putIfAbsent(spec.registry().resourceFor(domain), domain);
            if (other != null) {
                throw new InvalidSettingException("domain", spec.domain(), "runs domains '" + other + "' and '"
                        + domain + "', which both write to '" + spec.registry().resourceFor(domain) + "': give each "
                        + "a resource of its own (a definition's resource:, DomainRegistry.Builder#resource)");
            }
        }
        String id = spec.id().orElseGet(() -> UUID.randomUUID().toString());
        // as for one domain: a resumable run without a seed derives it from its id, so the same command resumes it
        long seed = spec.seed().orElseGet(() -> spec.resume() ? Resume.seedOf(id)
                : ThreadLocalRandom.current().nextLong());
        EmulationSpec fixed = spec.toBuilder().seed(seed).id(id).build();
        // every domain's spec is checked before any starts
        List<EmulationSpec> specs = domains.stream().map(fixed::forDomain).toList();
        LOG.info("Emulation '{}': domains {} as one run, seed {}", id, domains, seed);
        List<DefaultEmulation> members = new ArrayList<>();
        try {
            for (EmulationSpec one : specs) {
                members.add(DefaultEmulation.start(one));
            }
        } catch (RuntimeException | Error e) {
            members.forEach(DefaultEmulation::stop);
            members.forEach(DefaultEmulation::close);
            throw e;
        }
        EmulationGroup group = new EmulationGroup(spec, id, seed, members);
        for (DefaultEmulation member : members) {
            member.onEnd(group::memberEnded);
        }
        return group;
    }

    /**
     * Runs {@code hook} with the final report when {@code emulation} (started by {@link #start(EmulationSpec)}) ends,
     * before its {@code awaitCompletion} returns; at once when it has already ended.
     */
    public static void onEnd(Emulation emulation, Consumer<EmulationReport> hook) {
        if (emulation instanceof EmulationGroup group) {
            group.onEnd(hook);
        } else {
            ((DefaultEmulation) emulation).onEnd(hook);
        }
    }

    private void memberEnded(EmulationReport report) {
        lastReason = report.stopReason();
        if (report.status() == EmulationStatus.FAILED) {
            // one run: a domain that failed ends the others
            members.forEach(DefaultEmulation::stop);
        }
        if (running.decrementAndGet() == 0) {
            finish();
        }
    }

    private void finish() {
        EmulationReport report = report();
        LOG.info("Emulation '{}' {} ({} domains): {}", id, report.status(), members.size(), report.stats());
        // runs the end hooks attached so far on this thread: inside the last domain's end, so before any
        // awaitCompletion (which waits for every domain's end) returns
        done.complete(report);
    }

    private void onEnd(Consumer<EmulationReport> hook) {
        done.thenAccept(hook).exceptionally(e -> {
            LOG.warn("Emulation '{}': an end hook failed", id, e);
            return null;
        });
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public EmulationSpec spec() {
        return spec;
    }

    @Override
    public EmulationStatus status() {
        return status(members.stream().map(DefaultEmulation::status).toList());
    }

    private static EmulationStatus status(List<EmulationStatus> statuses) {
        if (!statuses.stream().allMatch(EmulationStatus::isTerminal)) {
            return statuses.stream().anyMatch(status -> status != EmulationStatus.SCHEDULED)
                    ? EmulationStatus.RUNNING : EmulationStatus.SCHEDULED;
        }
        return statuses.contains(EmulationStatus.FAILED) ? EmulationStatus.FAILED
                : statuses.contains(EmulationStatus.STOPPED) ? EmulationStatus.STOPPED : EmulationStatus.COMPLETED;
    }

    @Override
    public List<WorkerStatus> workers() {
        List<WorkerStatus> workers = new ArrayList<>();
        members.forEach(member -> workers.addAll(member.workers()));
        return workers;
    }

    @Override
    public EmulationStats stats() {
        return sum(members.stream().map(DefaultEmulation::stats).toList());
    }

    private static EmulationStats sum(List<EmulationStats> all) {
        long generated = 0;
        long delivered = 0;
        long failed = 0;
        long bytes = 0;
        Duration elapsed = Duration.ZERO;
        for (EmulationStats stats : all) {
            generated += stats.generated();
            delivered += stats.delivered();
            failed += stats.failed();
            bytes += stats.bytes();
            elapsed = stats.elapsed().compareTo(elapsed) > 0 ? stats.elapsed() : elapsed;
        }
        return new EmulationStats(generated, delivered, failed, bytes, elapsed);
    }

    @Override
    public EmulationReport report() {
        List<EmulationReport> reports = members.stream().map(DefaultEmulation::report).toList();
        EmulationStatus status = status(reports.stream().map(EmulationReport::status).toList());
        StringJoiner domains = new StringJoiner(",");
        StringJoiner resources = new StringJoiner(",");
        List<WorkerStatus> workers = new ArrayList<>();
        Throwable failure = null;
        for (EmulationReport report : reports) {
            domains.add(report.domain());
            resources.add(report.resource());
            workers.addAll(report.workers());
            failure = failure != null ? failure : report.failureCause();
        }
        List<StopReason> reasons = reports.stream().map(EmulationReport::stopReason).toList();
        StopReason reason = !status.isTerminal() ? null
                : reasons.contains(StopReason.FAILED) ? StopReason.FAILED
                : reasons.contains(StopReason.STOPPED) ? StopReason.STOPPED : lastReason;
        return new EmulationReport(id, domains.toString(), resources.toString(), seed, status,
                sum(reports.stream().map(EmulationReport::stats).toList()), workers, failure, reason, reports);
    }

    @Override
    public void stop() {
        members.forEach(DefaultEmulation::stop);
    }

    @Override
    public EmulationReport awaitCompletion(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (DefaultEmulation member : members) {
            member.awaitCompletion(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        // complete: the last domain's end completed it before its own awaitCompletion returned
        return done.join();
    }

    @Override
    public CompletionStage<EmulationReport> completion() {
        return done.minimalCompletionStage();
    }

    @Override
    public void close() {
        stop();
        if (!done.isDone()) {
            awaitCompletion(spec.closeTimeout());
        }
    }

    @Override
    public String toString() {
        return "Emulation[" + id + ", " + spec.domains() + ", " + status() + ", " + stats() + "]";
    }
}
