package dev.dataemulator.core.spi;

import dev.dataemulator.core.EmulatedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open objects of an object sink in grouped or chunked mode (the {@code minio} and {@code file} sinks): one open
 * object per <em>series</em> and partition path, where a series is a resource (bucket or directory), an emulation id
 * and a domain, and, with lanes, the producing thread (for formats that encode while records are added, such as
 * Parquet, each worker fills its own chunks). Each series is guarded by its own lock; the objects that become
 * complete are taken out of their series under that lock and handed to the sink after it, so that no lock is held
 * while the sink closes, uploads or renames an object.
 *
 * <p>An object is complete when it reaches the chunk size (chunked mode), when its partition is the one opened first
 * and a record needs a partition beyond {@code maxOpenPartitions}, when a record of another run (another tracker)
 * arrives under the same emulation id (two runs never share an object), and when the sink drains the series (a
 * flush, or objects past their age). Part numbers are per emulation, shared by its lanes, so names never collide.
 *
 * <p>Thread-safe.
 *
 * @param <T> the sink's open object
 */
public final class ObjectSeries<T extends ObjectSeries.Part> {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectSeries.class);
    /** An object being filled by one run: it remembers that run's tracker and when it was opened. */
    public abstract static class Part {
        private final DeliveryTracker tracker;
        private final long createdNanos;

        /** @param first the object's first record, whose run the object belongs to */
        protected Part(EmulatedRecord first) {
            this.tracker = first.tracker();
            this.createdNanos = System.nanoTime();
        }

        /** @return the tracker of the run whose records it holds */
        public final DeliveryTracker tracker() {
            return tracker;
        }

        /** @return when it was opened, in {@link System#nanoTime()} */
        public final long createdNanos() {
            return createdNanos;
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

    /** An object that broke while a record was added: the records it holds are lost, and the sink reports them. */
    public static final class BrokenPartException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Part part;

        BrokenPartException(Part part, IOException cause) {
            super(cause.getMessage(), cause);
            this.part = part;
        }

        /** @return the broken object, already taken out of its series */
        public Part part() {
            return part;
        }
    }

    private final long maxChunkSize;
    private final int maxOpenPartitions;
    private final boolean lanes;
    private final Opener<T> opener;
    private final Map<SeriesKey, Series<T>> series = new ConcurrentHashMap<>();
    private final Map<SeriesKey, AtomicLong> partNumbers = new ConcurrentHashMap<>();
    /** Guards {@link #inHand}. */
    private final Object handOff = new Object();
    /** Objects taken out of their series and not yet handed on: {@link #drainAll} waits for them. */
    private int inHand;

    /**
     * @param maxChunkSize the encoded bytes at which an object is complete; {@link Long#MAX_VALUE} in grouped mode
     * @param maxOpenPartitions the most objects open per series
     * @param lanes whether each producing thread fills its own objects
     * @param opener opens an object for a record
     */
    public ObjectSeries(long maxChunkSize, int maxOpenPartitions, boolean lanes, Opener<T> opener) {
        if (maxChunkSize < 1 || maxOpenPartitions < 1) {
            throw new IllegalArgumentException("maxChunkSize and maxOpenPartitions must be positive");
        }
        this.maxChunkSize = maxChunkSize;
        this.maxOpenPartitions = maxOpenPartitions;
        this.lanes = lanes;
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /**
     * Adds a record to its series' open object for {@code partition}, opening one when there is none, and hands every
     * object that became complete to {@code complete}, after the series' lock and even when adding failed.
     *
     * @param resource the resource
     * @param partition the record's partition path, empty without {@code partition_by}
     * @param record the record
     * @param complete takes each complete object (on the calling thread)
     * @throws BrokenPartException when the object broke while the record was added: it holds records that are lost
     *     (the record itself was not added); it was taken out of its series
     * @throws IOException when the object for the record could not be opened (nothing was added)
     * @throws IllegalArgumentException when the record does not fit the object's format (nothing was added)
     */
    public void add(String resource, String partition, EmulatedRecord record, Consumer<? super T> complete)
            throws IOException {
        SeriesKey emulation = new SeriesKey(resource, record.emulationId(), record.domain(), 0);
        Series<T> s = series.computeIfAbsent(lanes ? emulation.lane(Thread.currentThread().getId()) : emulation,
                key -> new Series<>(partNumbers.computeIfAbsent(emulation, k -> new AtomicLong())));
        List<T> done = new ArrayList<>(2);
        try {
            synchronized (s) {
                T part = s.open.get(partition);
                if (part != null && part.tracker() != record.tracker()) {
                    // a second run under the same emulation id: never mix two runs in one object
                    done.add(take(s.open.remove(partition)));
                    part = null;
                }
                if (part == null) {
                    if (s.open.size() >= maxOpenPartitions) {
                        Iterator<T> oldest = s.open.values().iterator();
                        done.add(take(oldest.next()));
                        oldest.remove();
                    }
                    part = opener.open(resource, partition, record, s.nextPart.getAndIncrement());
                    s.open.put(partition, part);
                }
                try {
                    part.add(record);
                } catch (IOException | UncheckedIOException e) {
                    s.open.remove(partition, part);
                    throw new BrokenPartException(part,
                            e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e);
                }
                if (part.encodedBytes() >= maxChunkSize) {
                    done.add(take(s.open.remove(partition)));
                }
            }
        } finally {
            handOn(done, complete);
        }
    }

    /** Counts an object taken out of its series (under the series' lock) until {@link #handOn} has handed it on. */
    private T take(T part) {
        synchronized (handOff) {
            inHand++;
        }
        return part;
    }

    /** Hands every part on, even when handing one on fails (the first failure is thrown after). */
    private void handOn(List<T> parts, Consumer<? super T> complete) {
        RuntimeException failure = null;
        for (T part : parts) {
            try {
                complete.accept(part);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            } finally {
                synchronized (handOff) {
                    if (--inHand == 0) {
                        handOff.notifyAll();
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Hands every open object to {@code complete}, then waits until every object that other threads took out of
     * their series meanwhile (a full chunk, an aged one) has been handed on too: when this returns, no object of
     * records added before the call is still on its way. The wait ignores interrupts (and keeps the interrupt
     * status): records must be reported, and handing an object on is bounded by the sink's own timeouts.
     */
    public void drainAll(Consumer<? super T> complete) {
        drain(part -> true, complete);
        boolean interrupted = false;
        synchronized (handOff) {
            while (inHand > 0) {
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
    }

    /**
     * Hands every open object opened at or before {@code createdBy} ({@link System#nanoTime()}) to {@code complete}:
     * objects past their age.
     */
    public void drainCreatedBy(long createdBy, Consumer<? super T> complete) {
        drain(part -> part.createdNanos() - createdBy <= 0, complete);
    }

    /**
     * Starts handing on objects older than {@code maxAge} ({@code chunk_max_age}): checks about four times per age
     * (at least every 10 ms, at most every second) on one daemon thread, until the returned handle is closed. A
     * failure of one check is logged and the next check runs.
     *
     * @param maxAge the age at which an object is complete anyway
     * @param complete takes each aged object (on the checking thread)
     * @param threadName the checking thread's name
     * @return the handle that stops the checks
     */
    public Ager completeAged(Duration maxAge, Consumer<? super T> complete, String threadName) {
        long maxAgeNanos = maxAge.toNanos();
        long period = Math.max(10, Math.min(1000, maxAge.toMillis() / 4));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                drainCreatedBy(System.nanoTime() - maxAgeNanos, complete);
            } catch (RuntimeException e) {
                LOG.warn("{}: completing aged objects failed: {}", threadName, e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return new Ager(timer);
    }

    /** Stops the checks of {@link #completeAged}. */
    public static final class Ager implements AutoCloseable {
        private final ScheduledExecutorService timer;

        private Ager(ScheduledExecutorService timer) {
            this.timer = timer;
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

    private void drain(Predicate<T> due, Consumer<? super T> complete) {
        for (Series<T> s : series.values()) {
            List<T> parts = new ArrayList<>();
            synchronized (s) {
                Iterator<T> it = s.open.values().iterator();
                while (it.hasNext()) {
                    T part = it.next();
                    if (due.test(part)) {
                        parts.add(take(part));
                        it.remove();
                    }
                }
            }
            handOn(parts, complete);
        }
    }

    /** An emulation's objects in one resource; {@code lane} tells apart the producing threads' objects (else 0). */
    private record SeriesKey(String resource, String emulationId, String domain, long lane) {
        SeriesKey lane(long thread) {
            return new SeriesKey(resource, emulationId, domain, thread);
        }
    }

    /** The open objects of one series; its monitor guards {@link #open}. */
    private static final class Series<T> {
        /** Open objects by partition path, the one opened first first. */
        final LinkedHashMap<String, T> open = new LinkedHashMap<>();
        /** Part numbers, shared by the lanes of an emulation. */
        final AtomicLong nextPart;

        Series(AtomicLong nextPart) {
            this.nextPart = nextPart;
        }
    }
}
