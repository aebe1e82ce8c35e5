package dev.dataemulator.core.support;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.core.spi.RecordSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open objects of an object sink in grouped or chunked mode: one open object per <em>series</em> and partition
 * path, where a series is a resource (bucket or directory), an emulation id and a domain, and, with lanes, the
 * producing thread (for formats that encode while records are added, such as Parquet, each worker fills its own
 * chunks when there is no {@code partition_by}; with partitions the workers share one object per partition, so that a
 * partition gets one object at a time, not one per worker). A series' lock guards which objects are open; each
 * object's own lock guards the records added to it, so that workers fill objects of different partitions in
 * parallel. The objects that become complete are taken out of their series and handed to the sink after the locks,
 * so that no lock is held while the sink closes, uploads or renames an object.
 *
 * <p>An object is complete when it reaches the chunk size (chunked mode), when its partition is the one opened first
 * and a record needs a partition beyond {@code maxOpenPartitions}, when the open objects together hold more than
 * {@code maxOpenBytes} (the largest of the series is completed), when a record of another run (another tracker)
 * arrives under the same emulation id (two runs never share an object), when a record of another version of the
 * schema arrives (a schema drift: an object never mixes two versions), and when the sink drains the series (a
 * flush, or objects past their age). Each object says why it was completed ({@link Part#cause()}). Part numbers are
 * per emulation, shared by its lanes, so names never collide. Ages are measured on the given ticker. A resumable
 * emulation's records fill one series per worker lane instead ({@link #pinLanes}).
 *
 * <p>Thread-safe.
 *
 * @param <T> the sink's open object
 */
public final class ObjectSeries<T extends ObjectSeries.Part> {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectSeries.class);

    /** Why an object was completed. */
    public enum Cause {
        /** It reached the chunk size. */
        FULL,
        /** A record needed a partition beyond {@code max_open_partitions}; it was the one opened first. */
        OPEN_PARTITIONS,
        /** The open objects held more than {@code max_open_bytes}; it was the largest of its series. */
        OPEN_BYTES,
        /** A record of another run arrived under the same emulation id. */
        NEW_RUN,
        /** A record of another version of the schema arrived (a schema drift): one object holds one version. */
        NEW_SCHEMA,
        /** It got older than {@code chunk_max_age}. */
        AGED,
        /** The sink flushed or closed. */
        DRAINED,
        /** Adding a record broke it. */
        BROKEN
    }

    /**
     * An object being filled by one run: it remembers that run's tracker, when it was opened and why it was
     * completed. Its monitor guards the records added to it.
     */
    public abstract static class Part {
        private final DeliveryTracker tracker;
        /** The schema of the object's records, or null; an object never mixes two versions of a schema. */
        private final RecordSchema schema;
        long createdNanos;
        Cause cause;
        /** Set under the part's lock when it was taken out of its series: no record is added after it. */
        boolean sealed;
        /** Why adding a record broke it, under the part's lock; whoever takes it out reports it broken. */
        IOException brokenBy;
        /** Encoded bytes counted in the open total, under the part's lock. */
        long counted;

        /** @param first the object's first record, whose run the object belongs to */
        protected Part(EmulatedRecord first) {
            this.tracker = first.tracker();
            this.schema = first.schema().orElse(null);
        }

        /** @return the tracker of the run whose records it holds */
        public final DeliveryTracker tracker() {
            return tracker;
        }

        /** @return when it was opened, on its series' ticker (nanoseconds) */
        public final long createdNanos() {
            return createdNanos;
        }

        /** @return why it was completed; {@code null} while open */
        public final Cause cause() {
            return cause;
        }

        /** @return the bytes of records encoded into it so far, before compression */
        public abstract long encodedBytes();

        /**
         * Adds one record.
         *
         * @throws IOException when the object can no longer be written; it is then broken
         * @throws IllegalArgumentException when the record does not fit the object's format; the object is intact
         */
        public abstract void add(EmulatedRecord record) throws IOException;
    }

    /** Opens the object that a record starts. */
    @FunctionalInterface
    public interface Opener<T> {
        /**
         * @param resource the resource
         * @param partition the partition path, empty without {@code partition_by}
         * @param record the object's first record (its emulation, domain and schema name the object)
         * @param part the object's part number within its emulation
         * @return the open object, empty
         * @throws IOException when the object cannot be created
         */
        T open(String resource, String partition, EmulatedRecord record, long part) throws IOException;
    }

    /** What a sink does with an object that broke while a record was added: report the records it holds failed. */
    @FunctionalInterface
    public interface Broken<T> {
        /**
         * @param part the broken object, taken out of its series: its records are lost, and must be reported so
         * @param cause why
         */
        void broken(T part, IOException cause);
    }

    /** Thrown by {@link #add} after an object broke (and was handed to the sink's {@link Broken} handler). */
    public static final class BrokenPartException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Part part;

        BrokenPartException(Part part, IOException cause) {
            super(cause.getMessage(), cause);
            this.part = part;
        }

        /** @return the broken object, already taken out of its series and handed to the handler */
        public Part part() {
            return part;
        }
    }

    private final long maxChunkSize;
    private final int maxOpenPartitions;
    private final long maxOpenBytes;
    private final boolean lanes;
    private final LongSupplier ticker;
    private final Opener<T> opener;
    private final Broken<? super T> broken;
    private final Map<SeriesKey, Series<T>> series = new ConcurrentHashMap<>();
    private final Map<SeriesKey, AtomicLong> partNumbers = new ConcurrentHashMap<>();
    /** Resumable emulations, by resource and id: each worker lane's first part number in this run. */
    private final Map<List<String>, long[]> pinned = new ConcurrentHashMap<>();
    /** Encoded bytes of the records in open objects, all series together. */
    private final AtomicLong openBytes = new AtomicLong();
    /** Guards {@link #nextTicket} and {@link #inHand}. */
    private final Object handOff = new Object();
    private long nextTicket;
    /** Tickets of the objects taken out of their series and not yet handed on: {@link #drainAll} waits for them. */
    private final TreeSet<Long> inHand = new TreeSet<>();
    /** Set by {@link #close}: every add after it is refused, under the series' lock, so none escapes the drain. */
    private volatile boolean closed;

    /**
     * @param maxChunkSize the encoded bytes at which an object is complete; {@link Long#MAX_VALUE} in grouped mode
     * @param maxOpenPartitions the most objects open per series
     * @param maxOpenBytes the most encoded bytes held by open objects of all series together; past it the largest
     *     open object of the series a record goes to is completed
     * @param lanes whether each producing thread fills its own objects
     * @param ticker the clock that ages objects, in nanoseconds ({@code System::nanoTime})
     * @param opener opens an object for a record
     * @param broken reports the records of an object that broke while a record was added
     */
    public ObjectSeries(long maxChunkSize, int maxOpenPartitions, long maxOpenBytes, boolean lanes,
            LongSupplier ticker, Opener<T> opener, Broken<? super T> broken) {
        if (maxChunkSize < 1 || maxOpenPartitions < 1 || maxOpenBytes < 1) {
            throw new IllegalArgumentException("maxChunkSize, maxOpenPartitions and maxOpenBytes must be positive");
        }
        this.maxChunkSize = maxChunkSize;
        this.maxOpenPartitions = maxOpenPartitions;
        this.maxOpenBytes = maxOpenBytes;
        this.lanes = lanes;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.broken = Objects.requireNonNull(broken, "broken");
    }

    /**
     * Adds a record to its series' open object for {@code partition}, opening one when there is none, and hands every
     * object that became complete to {@code complete}, after the locks and even when adding failed. An object that
     * breaks while the record is added is handed to the {@link Broken} handler first.
     *
     * @param resource the resource
     * @param partition the record's partition path, empty without {@code partition_by}
     * @param record the record
     * @param complete takes each complete object (on the calling thread)
     * @throws BrokenPartException when the object broke while the record was added (the record itself was not
     *     added); its records were handed to the {@link Broken} handler
     * @throws IOException when the object for the record could not be opened (nothing was added)
     * @throws IllegalArgumentException when the record does not fit the object's format (nothing was added)
     * @throws IllegalStateException when the series is closed (nothing was added)
     */
    public void add(String resource, String partition, EmulatedRecord record, Consumer<? super T> complete)
            throws IOException {
        SeriesKey emulation = new SeriesKey(resource, record.emulationId(), record.domain(), 0, false);
        long[] firstParts = pinned.isEmpty() ? null : pinned.get(List.of(resource, record.emulationId()));
        Series<T> s;
        if (firstParts != null) {
            int lane = record.lane();
            s = series.computeIfAbsent(new SeriesKey(resource, record.emulationId(), record.domain(), lane, true),
                    key -> new Series<>(new AtomicLong(lane < firstParts.length ? firstParts[lane] : 0), true));
        } else {
            s = series.computeIfAbsent(lanes ? emulation.lane(Thread.currentThread().getId()) : emulation,
                    key -> new Series<>(partNumbers.computeIfAbsent(emulation, k -> new AtomicLong()), false));
        }
        List<Taken<T>> done = null; // most records complete no object: no list for them
        Taken<T> brokenPart = null;
        IOException brokenCause = null;
        T brokenObject = null;
        Throwable failure = null;
        try {
            while (true) {
                T part;
                synchronized (s) {
                    if (closed) {
                        throw new IllegalStateException("closed");
                    }
                    part = s.open.get(partition);
                    if (part != null && part.tracker() != record.tracker()) {
                        // a second run under the same emulation id: never mix two runs in one object
                        done = taken(done, s.open.remove(partition), Cause.NEW_RUN);
                        part = null;
                    }
                    if (part != null && otherSchema(part, record)) {
                        done = taken(done, s.open.remove(partition), Cause.NEW_SCHEMA);
                        part = null;
                    }
                    if (part == null) {
                        if (s.open.size() >= maxOpenPartitions) {
                            Iterator<T> oldest = s.open.values().iterator();
                            done = taken(done, oldest.next(), Cause.OPEN_PARTITIONS);
                            oldest.remove();
                        }
                        part = opener.open(resource, partition, record, s.nextPart.getAndIncrement());
                        part.createdNanos = ticker.getAsLong();
                        s.open.put(partition, part);
                    }
                }
                boolean full;
                long grown;
                synchronized (part) {
                    if (part.sealed) {
                        continue; // taken out of the series meanwhile: the record goes to the next object
                    }
                    if (brokenCause == null && part.encodedBytes() >= maxChunkSize) {
                        // full, and the thread that filled it is taking it out: never add past one record
                        Thread.onSpinWait();
                        continue;
                    }
                    try {
                        part.add(record);
                    } catch (IOException | UncheckedIOException e) {
                        part.sealed = true;
                        part.brokenBy = e instanceof UncheckedIOException unchecked ? unchecked.getCause()
                                : (IOException) e;
                        brokenObject = part;
                        brokenCause = e instanceof UncheckedIOException unchecked ? unchecked.getCause()
                                : (IOException) e;
                    }
                    long bytes = part.encodedBytes();
                    grown = bytes - part.counted;
                    part.counted = bytes;
                    full = brokenCause == null && bytes >= maxChunkSize;
                }
                long open = openBytes.addAndGet(grown);
                if (brokenCause != null || full || open > maxOpenBytes) {
                    synchronized (s) {
                        if (brokenCause != null) {
                            // the one who takes an object out of its series owns it: here, or a drain under way
                            if (s.open.remove(partition, part)) {
                                brokenPart = take(part, Cause.BROKEN);
                            }
                        } else if (full) {
                            if (s.open.remove(partition, part)) {
                                done = taken(done, part, Cause.FULL);
                            }
                        } else if (!s.open.isEmpty() && !s.pinned) {
                            done = taken(done, largest(s), Cause.OPEN_BYTES);
                        }
                    }
                }
                break;
            }
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        }
        // outside the locks: the broken object's records are reported first, then the complete objects go on
        Throwable handOffFailure = null;
        if (brokenCause != null) {
            if (brokenPart != null) {
                handOffFailure = handOn(List.of(brokenPart), complete);
            }
            failure = new BrokenPartException(brokenObject, brokenCause);
        }
        Throwable later = done == null ? null : handOn(done, complete);
        handOffFailure = handOffFailure != null ? handOffFailure : later;
        if (failure == null) {
            failure = handOffFailure;
        } else if (handOffFailure != null) {
            failure.addSuppressed(handOffFailure);
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        rethrowUnchecked(failure);
    }

    /**
     * Makes the emulation's records fill one series per worker lane ({@link EmulatedRecord#lane()}) instead of per
     * emulation or thread, each numbering its objects from the given index, and completing them by size alone (never
     * by age or by {@code maxOpenBytes}), so that a lane's objects hold the same records in every run with the same
     * settings: what a resumed run needs to rewrite an object under its name with its bytes. Call it before the
     * emulation's first record.
     *
     * @param resource the resource
     * @param emulationId the emulation's id
     * @param firstParts per lane, the index of its first object in this run
     */
    public void pinLanes(String resource, String emulationId, long[] firstParts) {
        pinned.put(List.of(resource, emulationId), firstParts.clone());
    }

    /** @return whether {@code record} has another version of the schema than the records of {@code part} */
    private static boolean otherSchema(Part part, EmulatedRecord record) {
        RecordSchema schema = record.schema().orElse(null);
        // the records of one version share one instance: equals is only asked at a version change
        return part.schema != schema && !Objects.equals(part.schema, schema);
    }

    /** @return the open object of {@code s} holding the most bytes, removed from it; under its lock */
    private T largest(Series<T> s) {
        Map.Entry<String, T> largest = null;
        for (Map.Entry<String, T> entry : s.open.entrySet()) {
            if (largest == null || entry.getValue().encodedBytes() > largest.getValue().encodedBytes()) {
                largest = entry;
            }
        }
        s.open.remove(largest.getKey());
        return largest.getValue();
    }

    private static void rethrowUnchecked(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }

    /** An object taken out of its series, with the ticket that counts it until it is handed on. */
    private record Taken<T>(T part, long ticket) {
    }

    /** @return {@code done}, or a new list, with {@code part} {@link #take taken} */
    private List<Taken<T>> taken(List<Taken<T>> done, T part, Cause cause) {
        List<Taken<T>> list = done != null ? done : new ArrayList<>(2);
        list.add(take(part, cause));
        return list;
    }

    /** Counts an object taken out of its series (under the series' lock) until {@link #handOn} has handed it on. */
    private Taken<T> take(T part, Cause cause) {
        part.cause = cause;
        synchronized (handOff) {
            long ticket = nextTicket++;
            inHand.add(ticket);
            return new Taken<>(part, ticket);
        }
    }

    /**
     * Hands every object on, whatever happens to one of them.
     *
     * @return the first failure, or null
     */
    private Throwable handOn(List<Taken<T>> parts, Consumer<? super T> complete) {
        Throwable failure = null;
        for (Taken<T> taken : parts) {
            T part = taken.part();
            long counted;
            IOException brokenBy;
            synchronized (part) {
                part.sealed = true; // waits for a record being added to it: it is in the object handed on
                counted = part.counted;
                part.counted = 0;
                brokenBy = part.brokenBy;
            }
            openBytes.addAndGet(-counted);
            try {
                if (brokenBy != null) {
                    // broke while a record was added, whoever took it out: its records are lost, and reported so
                    broken.broken(part, brokenBy);
                } else {
                    complete.accept(part);
                }
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            } finally {
                synchronized (handOff) {
                    inHand.remove(taken.ticket());
                    handOff.notifyAll();
                }
            }
        }
        return failure;
    }

    /**
     * Hands every open object to {@code complete}, then waits until every object that other threads took out of
     * their series before (a full chunk, an aged one) has been handed on too: when this returns, no object of
     * records added before the call is still on its way. Objects taken out later do not hold it up. The wait ignores
     * interrupts (and keeps the interrupt status): records must be reported, and handing an object on is bounded by
     * the sink's own timeouts. A failure to hand one object on stops neither the others nor the wait; the first is
     * thrown at the end.
     */
    public void drainAll(Consumer<? super T> complete) {
        Throwable failure = drain(part -> true, Cause.DRAINED, complete);
        boolean interrupted = false;
        synchronized (handOff) {
            long limit = nextTicket;
            while (!inHand.isEmpty() && inHand.first() < limit) {
                try {
                    handOff.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        rethrowUnchecked(failure);
    }

    /**
     * Refuses every later {@link #add}, then {@link #drainAll drains} every open object to {@code complete}: an add
     * racing the close either lands in an object that is drained or is refused, never left open. Idempotent.
     */
    public void close(Consumer<? super T> complete) {
        closed = true;
        drainAll(complete);
    }

    /**
     * Hands every open object at least {@code maxAge} old on the ticker to {@code complete}: objects past their age.
     * A failure to hand one on does not stop the others; the first is thrown at the end.
     */
    public void drainAged(Duration maxAge, Consumer<? super T> complete) {
        long createdBy = ticker.getAsLong() - maxAge.toNanos();
        rethrowUnchecked(drain(part -> part.createdNanos() - createdBy <= 0, Cause.AGED, complete));
    }

    /**
     * Starts handing on objects older than {@code maxAge} ({@code chunk_max_age}): checks about four times per age
     * (at least every 10 ms, at most every second) on one daemon thread, until the returned handle is closed. A
     * failure of one check is logged and the next check runs. Ages are read on the series' ticker: a test's ticker
     * decides when an object is old, whatever the wall clock says.
     *
     * @param maxAge the age at which an object is complete anyway
     * @param complete takes each aged object (on the checking thread)
     * @param threadName the checking thread's name
     * @return the handle that stops the checks
     */
    public Ager completeAged(Duration maxAge, Consumer<? super T> complete, String threadName) {
        long period = Math.max(10, Math.min(1000, maxAge.toMillis() / 4));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        AtomicLong checks = new AtomicLong();
        timer.scheduleWithFixedDelay(() -> {
            try {
                drainAged(maxAge, complete);
            } catch (RuntimeException e) {
                LOG.warn("{}: completing aged objects failed: {}", threadName, e.toString());
            } finally {
                checks.incrementAndGet();
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return new Ager(timer, checks);
    }

    /** Stops the checks of {@link #completeAged}. */
    public static final class Ager implements AutoCloseable {
        private final ScheduledExecutorService timer;
        private final AtomicLong checks;

        private Ager(ScheduledExecutorService timer, AtomicLong checks) {
            this.timer = timer;
            this.checks = checks;
        }

        /** @return the checks completed so far (each handed on every object past its age at that moment) */
        public long checks() {
            return checks.get();
        }

        /** @return whether it is closed and its thread has ended: no object is handed on by it any more */
        public boolean isClosed() {
            return timer.isTerminated();
        }

        /**
         * Stops checking. A check under way may finish handing its objects on (an interrupt there would fail their
         * records), for up to 10 s; then it is interrupted. Idempotent.
         */
        @Override
        public void close() {
            timer.shutdown();
            try {
                if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
                    timer.shutdownNow();
                }
            } catch (InterruptedException e) {
                timer.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return the first failure to hand an object on, or null */
    private Throwable drain(Predicate<T> due, Cause cause, Consumer<? super T> complete) {
        Throwable failure = null;
        for (Series<T> s : series.values()) {
            if (s.pinned && cause == Cause.AGED) {
                continue; // a resumable lane's objects end by size alone, in every run on the same records
            }
            List<Taken<T>> parts = new ArrayList<>();
            synchronized (s) {
                Iterator<T> it = s.open.values().iterator();
                while (it.hasNext()) {
                    T part = it.next();
                    if (due.test(part)) {
                        parts.add(take(part, cause));
                        it.remove();
                    }
                }
            }
            Throwable one = handOn(parts, complete);
            if (failure == null) {
                failure = one;
            } else if (one != null) {
                failure.addSuppressed(one);
            }
        }
        return failure;
    }

    /**
     * An emulation's objects in one resource; {@code lane} tells apart the producing threads' objects (else 0), or,
     * when {@code pinned}, the worker lanes of a resumable emulation.
     */
    private record SeriesKey(String resource, String emulationId, String domain, long lane, boolean pinned) {
        SeriesKey lane(long thread) {
            return new SeriesKey(resource, emulationId, domain, thread, false);
        }
    }

    /** The open objects of one series; its monitor guards {@link #open}. */
    private static final class Series<T> {
        /** Open objects by partition path, the one opened first first. */
        final LinkedHashMap<String, T> open = new LinkedHashMap<>();
        /** Part numbers, shared by the lanes of an emulation; a resumable emulation's worker lane's own. */
        final AtomicLong nextPart;
        /** Whether it is a worker lane of a resumable emulation. */
        final boolean pinned;

        Series(AtomicLong nextPart, boolean pinned) {
            this.nextPart = nextPart;
            this.pinned = pinned;
        }
    }
}
