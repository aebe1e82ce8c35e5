package dev.dataemulator.core;

import dev.dataemulator.core.InvalidSettingException.Violation;
import dev.dataemulator.core.internal.EmulationGroup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emulations by id, for a service that starts, stops and reports many of them over its life (an HTTP control
 * service, a Spring application): {@link #start(EmulationSpec)}, {@link #stop(String)}, {@link #get(String)} /
 * {@link #find(String)}, {@link #list()}, {@link #report(String)}, and {@link #close()} to stop them all.
 *
 * <pre>{@code
 * try (EmulatorService service = EmulatorService.create()) {
 *     Emulation emulation = service.start(spec);
 *     ...
 *     service.stop(emulation.id());
 * }
 * }</pre>
 *
 * <p><b>Memory stays bounded.</b> Running emulations are always kept. Ended ones are kept for status queries, but
 * only for {@link Builder#retention(Duration) a while} (default {@value #DEFAULT_RETENTION_MINUTES} minutes after
 * their end) and only {@link Builder#maxEnded(int) so many} (default {@value #DEFAULT_MAX_ENDED}, the oldest-ended
 * forgotten first); a forgotten id is then unknown. The retention clock is {@link Builder#clock(Clock)}.
 *
 * <p><b>Threading.</b> Every method is thread-safe. {@code start} creates the sink on the calling thread (it may
 * connect to a server) outside the service's lock, so slow starts do not block queries.
 */
public final class EmulatorService implements AutoCloseable {
    /** Default of {@link Builder#maxEnded(int)}. */
    public static final int DEFAULT_MAX_ENDED = 200;
    /** Default of {@link Builder#retention(Duration)}, in minutes. */
    public static final long DEFAULT_RETENTION_MINUTES = 60;
    /** Default of {@link Builder#closeTimeout(Duration)}, in seconds. */
    public static final long DEFAULT_CLOSE_TIMEOUT_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorService.class);

    private final int maxEnded;
    private final Duration retention;
    private final Duration closeTimeout;
    private final Clock clock;
    private final List<EmulationListener> listeners;

    private final Object lock = new Object();
    /** Every known emulation in start order. Guarded by {@link #lock}. */
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /** Ids of ended emulations in the order they ended. Guarded by {@link #lock}. */
    private final Deque<String> ended = new ArrayDeque<>();
    /** Fixed ids of emulations being started. Guarded by {@link #lock}. */
    private final Set<String> reserved = new HashSet<>();
    private boolean closed;

    private EmulatorService(Builder b) {
        this.maxEnded = b.maxEnded;
        this.retention = b.retention;
        this.closeTimeout = b.closeTimeout;
        this.clock = b.clock;
        this.listeners = List.copyOf(b.listeners);
    }

    /** @return a service with the defaults */
    public static EmulatorService create() {
        return builder().build();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts an emulation (see {@link EmulationRunner#start(EmulationSpec)}) and keeps it under its id. The
     * service's {@link Builder#listener(EmulationListener) listeners} are added after the spec's own.
     *
     * @param spec what to run
     * @return the running emulation; the service owns it ({@link #close()} stops it)
     * @throws InvalidSettingException when the spec fixes an id this service already knows, or the sink
     *     configuration is invalid
     * @throws ProviderNotFoundException when the sink or domain is not on the class path
     * @throws EmulatorException when the service is closed
     */
    public Emulation start(EmulationSpec spec) {
        EmulationSpec requested = spec;
        if (!listeners.isEmpty()) {
            EmulationSpec.Builder withListeners = spec.toBuilder();
            listeners.forEach(withListeners::listener);
            spec = withListeners.build();
        }
        String fixedId = spec.id().orElse(null);
        synchronized (lock) {
            ensureOpen();
            prune();
            if (fixedId != null && (entries.containsKey(fixedId) || !reserved.add(fixedId))) {
                throw new InvalidSettingException(List.of(new Violation("id", fixedId,
                        "is already used by another emulation of this service")));
            }
        }
        Emulation emulation;
        try {
            emulation = EmulationGroup.start(spec);
        } catch (RuntimeException | Error e) {
            release(fixedId);
            throw e;
        }
        boolean closedMeanwhile;
        synchronized (lock) {
            if (fixedId != null) {
                reserved.remove(fixedId);
            }
            closedMeanwhile = closed;
            entries.put(emulation.id(), new Entry(emulation, requested, clock.instant()));
        }
        // registered after the entry exists: it runs at once when the emulation has already ended
        EmulationGroup.onEnd(emulation, report -> markEnded(emulation.id()));
        if (closedMeanwhile) {
            emulation.stop();
        }
        return emulation;
    }

    /**
     * @param emulation an emulation
     * @return whether it can be {@link #resume resumed}: it was started with {@code resume=true} (so with an id) and
     *     has ended before making all its records (stopped, failed, or its duration elapsed)
     */
    public static boolean resumable(Emulation emulation) {
        StopReason reason = emulation.report().stopped().orElse(null);
        return emulation.spec().resume() && (reason == StopReason.STOPPED || reason == StopReason.FAILED
                || reason == StopReason.DURATION);
    }

    /**
     * Resumes an emulation this service knows that is {@link #resumable}: starts its spec again under its id, and the
     * sink's durable progress decides where each worker lane continues. The ended emulation is forgotten; the
     * resumed one takes its place.
     *
     * @param id the emulation id
     * @return the resumed emulation
     * @throws UnknownEmulationException when no emulation has that id
     * @throws InvalidSettingException naming {@code id} when the emulation is running, completed or was not started
     *     with {@code resume=true}
     */
    public Emulation resume(String id) {
        EmulationSpec spec;
        synchronized (lock) {
            ensureOpen();
            Entry entry = entries.get(id);
            if (entry == null) {
                throw new UnknownEmulationException(id);
            }
            if (!resumable(entry.emulation)) {
                EmulationReport report = entry.emulation.report();
                throw new InvalidSettingException(List.of(new Violation("id", id, !entry.emulation.spec().resume()
                        ? "was not started with resume=true: it keeps no progress to resume from"
                        : "cannot be resumed: it is " + report.status() + report.stopped()
                                .map(reason -> " (" + reason.describe() + ")").orElse(""))));
            }
            entries.remove(id);
            ended.remove(id);
            spec = entry.requested;
        }
        return start(spec);
    }

    /**
     * Asks an emulation to stop (see {@link Emulation#stop()}); returns at once. Stopping an ended emulation does
     * nothing.
     *
     * @param id the emulation id
     * @return the emulation, to {@link Emulation#awaitCompletion(Duration) await} its end if wanted
     * @throws UnknownEmulationException when no emulation has that id
     */
    public Emulation stop(String id) {
        Emulation emulation = get(id);
        emulation.stop();
        return emulation;
    }

    /**
     * @param id the emulation id
     * @return the emulation
     * @throws UnknownEmulationException when no emulation has that id
     */
    public Emulation get(String id) {
        return find(id).orElseThrow(() -> new UnknownEmulationException(id));
    }

    /**
     * @param id the emulation id
     * @return the emulation, running or ended and not yet forgotten
     */
    public Optional<Emulation> find(String id) {
        synchronized (lock) {
            prune();
            Entry entry = entries.get(id);
            return entry == null ? Optional.empty() : Optional.of(entry.emulation);
        }
    }

    /** @return every known emulation, running or ended and not yet forgotten, in the order they started */
    public List<Emulation> list() {
        synchronized (lock) {
            prune();
            List<Emulation> list = new ArrayList<>(entries.size());
            entries.values().forEach(entry -> list.add(entry.emulation));
            return list;
        }
    }

    /**
     * @param id the emulation id
     * @return its report: a snapshot while it runs, final once it ended
     * @throws UnknownEmulationException when no emulation has that id
     */
    public EmulationReport report(String id) {
        return get(id).report();
    }

    /**
     * @param id the emulation id
     * @return when the service started the emulation, by the service's clock
     * @throws UnknownEmulationException when no emulation has that id
     */
    public Instant startedAt(String id) {
        synchronized (lock) {
            Entry entry = entries.get(id);
            if (entry == null) {
                throw new UnknownEmulationException(id);
            }
            return entry.startedAt;
        }
    }

    /**
     * Stops every running emulation and waits for them to end, {@link Builder#closeTimeout(Duration) bounded} in
     * total. Later {@link #start(EmulationSpec) starts} are refused; queries keep working. Idempotent.
     *
     * @throws EmulatorException naming the emulations that did not end in time (they were asked to stop and end on
     *     their own)
     */
    @Override
    public void close() {
        List<Emulation> running = new ArrayList<>();
        synchronized (lock) {
            closed = true;
            for (Entry entry : entries.values()) {
                if (entry.endedAt == null) {
                    running.add(entry.emulation);
                }
            }
        }
        running.forEach(Emulation::stop);
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        List<String> late = new ArrayList<>();
        for (Emulation emulation : running) {
            long left = Math.max(1, deadline - System.nanoTime());
            try {
                emulation.awaitCompletion(Duration.ofNanos(left));
            } catch (EmulatorException e) {
                late.add(emulation.id());
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
        }
        if (!late.isEmpty()) {
            throw new EmulatorException("Emulation(s) " + late + " did not end within " + closeTimeout
                    + " of closing the service; they were asked to stop");
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "EmulatorService[" + entries.size() + " emulation(s), " + (entries.size() - ended.size())
                    + " running" + (closed ? ", closed" : "") + "]";
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new EmulatorException("The emulator service is closed; it starts no more emulations");
        }
    }

    private void release(String fixedId) {
        if (fixedId != null) {
            synchronized (lock) {
                reserved.remove(fixedId);
            }
        }
    }

    private void markEnded(String id) {
        synchronized (lock) {
            Entry entry = entries.get(id);
            if (entry != null && entry.endedAt == null) {
                entry.endedAt = clock.instant();
                ended.addLast(id);
            }
            prune();
        }
    }

    /** Forgets ended emulations beyond the count or past the retention. Caller holds {@link #lock}. */
    private void prune() {
        Instant cutoff = clock.instant().minus(retention);
        while (!ended.isEmpty()) {
            String oldest = ended.peekFirst();
            Entry entry = entries.get(oldest);
            if (ended.size() > maxEnded || entry == null || !entry.endedAt.isAfter(cutoff)) {
                ended.removeFirst();
                entries.remove(oldest);
            } else {
                break;
            }
        }
    }

    private static final class Entry {
        final Emulation emulation;
        /** The spec as {@link #start} was given it, before the service's listeners. */
        final EmulationSpec requested;
        final Instant startedAt;
        /** Set once, under the lock, when the emulation ends. */
        Instant endedAt;

        Entry(Emulation emulation, EmulationSpec requested, Instant startedAt) {
            this.emulation = emulation;
            this.requested = requested;
            this.startedAt = startedAt;
        }
    }

    /** Settings of an {@link EmulatorService}; {@link #build()} validates them all at once. Not thread-safe. */
    public static final class Builder {
        private int maxEnded = DEFAULT_MAX_ENDED;
        private Duration retention = Duration.ofMinutes(DEFAULT_RETENTION_MINUTES);
        private Duration closeTimeout = Duration.ofSeconds(DEFAULT_CLOSE_TIMEOUT_SECONDS);
        private Clock clock = Clock.systemUTC();
        private final List<EmulationListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a listener to every emulation this service starts (metrics, audit); see {@link EmulationListener}.
         * Default: none.
         */
        public Builder listener(EmulationListener listener) {
            listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * How many ended emulations are kept for queries, the oldest-ended forgotten first; 0 forgets them as they
         * end. Default {@value EmulatorService#DEFAULT_MAX_ENDED}.
         */
        public Builder maxEnded(int maxEnded) {
            this.maxEnded = maxEnded;
            return this;
        }

        /**
         * How long an ended emulation is kept after its end; positive. Default
         * {@value EmulatorService#DEFAULT_RETENTION_MINUTES} minutes.
         */
        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /**
         * How long {@link EmulatorService#close()} waits in total for running emulations to end; positive. Default
         * {@value EmulatorService#DEFAULT_CLOSE_TIMEOUT_SECONDS} seconds.
         */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        /** The clock of {@link #retention(Duration)} and start times; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @return the service
         * @throws InvalidSettingException listing every invalid setting with its value
         */
        public EmulatorService build() {
            List<Violation> violations = new ArrayList<>();
            if (maxEnded < 0) {
                violations.add(new Violation("maxEnded", String.valueOf(maxEnded), "must be 0 or more"));
            }
            if (retention == null || retention.isNegative() || retention.isZero()) {
                violations.add(new Violation("retention", String.valueOf(retention), "must be positive"));
            }
            if (closeTimeout == null || closeTimeout.isNegative() || closeTimeout.isZero()) {
                violations.add(new Violation("closeTimeout", String.valueOf(closeTimeout), "must be positive"));
            }
            if (clock == null) {
                violations.add(new Violation("clock", null, "must not be null"));
            }
            if (!violations.isEmpty()) {
                throw new InvalidSettingException(violations);
            }
            return new EmulatorService(this);
        }
    }
}
