package dev.dataemulator.core.internal;

import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStats;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulatorException;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.SinkException;
import dev.dataemulator.core.StopReason;
import dev.dataemulator.core.WorkerStatus;
import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.core.spi.DomainContext;
import dev.dataemulator.core.spi.DomainGenerator;
import dev.dataemulator.core.support.Lanes;
import dev.dataemulator.core.support.Pacer;
import dev.dataemulator.core.support.Shards;
import dev.dataemulator.core.spi.SyncProducer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link Emulation}: its state, its start and its one shutdown path. Its {@link Worker}s make the
 * records: worker 0 sets the resource up ({@link #setUp()}) while the others wait; every worker takes the positions
 * of its lane ({@link Lanes}) in blocks and makes, encodes and produces records, paced by the emulation's one {@link Pacer}, until a stop
 * condition; the last worker to end runs the shutdown: final flush, close what the emulation created, reconcile the
 * counts, report. No coordinator thread, so an executor of any size works.
 *
 * <h2>Shutdown invariants</h2>
 * The shutdown has no coordinator and no lock; it is correct because of these rules. Change them only together with
 * {@code ConcurrencyTest} and {@code EmulationRunnerTest}, which guard them.
 * <ol>
 *   <li><b>One end.</b> {@link #running} starts at the number of workers; each worker decrements it exactly once:
 *       in {@code Worker.run}'s {@code finally}, or in {@link #launch()} when the executor refused to run it. The
 *       decrement that reaches 0 runs {@link #finish()}, so it runs exactly once, and only after every worker has
 *       returned from its last sink call: the final flush and close never race a {@code produce}.</li>
 *   <li><b>Set-up gate.</b> {@link #setupDone} is counted down exactly once, by worker 0 after its set-up (success or
 *       not) or by {@code launch()} when worker 0 was refused, so no worker waits forever. Workers produce only when
 *       {@link #setupSucceeded}, written before the count-down (the latch orders it).</li>
 *   <li><b>First reason wins.</b> {@link #stopReason} is set by compare-and-set from {@code null}: the first stop
 *       condition (deadline, record count, exhaustion, {@code stop()}, failure) is the one reported.
 *       {@link #stopRequested} (volatile) is set after it; a worker checks it before every record and inside rate
 *       limiter waits, so after a stop each worker finishes at most the record in hand.</li>
 *   <li><b>First failure wins.</b> {@link #failure} keeps the first error by compare-and-set; later ones ride along
 *       as suppressed, at most {@value #MAX_SUPPRESSED}. The final status is {@code FAILED} exactly when a failure is
 *       set at the end, else {@code STOPPED} for {@code stop()}, else {@code COMPLETED}.</li>
 *   <li><b>Nothing lost.</b> {@code generated} is counted before a record is handed to the sink; every record then
 *       ends counted once as delivered or failed: by the sink's {@link DeliveryTracker}, by the worker when
 *       {@code produce} throws, or by {@code finish()}, which after the final flush counts what the sink never
 *       reported as failed. So the final report has {@code generated == delivered + failed}. Live snapshots read
 *       {@code failed} and {@code delivered} before {@code generated}, so they never show more outcomes than
 *       records.</li>
 *   <li><b>Each record once.</b> Worker {@code l} is lane {@code l} of {@code threads}: it makes the blocks of
 *       {@value Lanes#BLOCK} positions {@code l, l + threads, ...} below {@link #limit}, in order, from its start
 *       position ({@link #startPosition(int)}: its first, or where a resumed emulation's sink says it stopped); a
 *       position belongs to one lane, so no record is made twice, and without a stop every position below the limit
 *       (and after the lanes' start positions) is made. Which records a lane makes depends only on the settings,
 *       never on timing, so a lane's progress is one number (see docs/ARCHITECTURE.md, Resume).</li>
 *   <li><b>One report.</b> {@link #done} is completed once, as the last step of {@code finish()}, after the status
 *       is final; {@code awaitCompletion}, {@code close} and {@code completion()} all wait on it. {@code close()}
 *       requests a stop and waits at most the spec's close timeout; it never interrupts workers.</li>
 * </ol>
 */
public final class DefaultEmulation implements Emulation {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultEmulation.class);
    /** Later errors kept with the first one. */
    private static final int MAX_SUPPRESSED = 16;

    private final EmulationSpec spec;
    private final String id;
    private final String domain;
    private final String resource;
    /** Where the labels of damaged records go ({@link SyncProducer#labelResource}); null without labels. */
    private final String labelResource;
    private final long seed;
    private final Clock clock;
    private final DomainGenerator generator;
    private final SyncProducer sink;
    private final boolean ownsSink;
    /**
     * When each record may be made: a live rate (flat or curved) or an accelerated virtual clock. Started when
     * production starts (after the resource is set up), so a slow setup does not let the rate "catch up" in a burst;
     * the start reaches the other workers through {@link #setupDone}.
     */
    private final Pacer pacer;
    /** Positions this emulation makes: position k is record {@link Shards#seq seq(shardCount, shardIndex, k)}. */
    private final long limit;
    /** Why production ends at {@link #limit}: maxRecords, the domain's capacity, or the end of a backfill. */
    private final StopReason limitReason;
    /** The clock the domain reads: the record's event time while it is made. */
    private final RecordClock recordClock;
    /** Event time of each record; a virtual clock with an accelerated event time paces production. */
    private final EventTimeline timeline;
    /** The schema drift bound to the domain; null without. */
    private final Drift.Bound drift;
    private final int shardIndex;
    private final int shardCount;
    private final long deadlineMillis;
    private final long progressNanos;

    /**
     * Each lane's first position: its first ({@link Lanes#first(int)}), or where the sink's durable progress says
     * it stopped; written by worker 0's set-up before the set-up gate opens (the latch orders it).
     */
    private final long[] startPositions;
    private final LongAdder generated = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final AtomicReference<StopReason> stopReason = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean loggedRejection = new AtomicBoolean();
    private volatile boolean stopRequested;
    private volatile EmulationStatus status = EmulationStatus.SCHEDULED;
    private volatile boolean setupSucceeded;
    private final CountDownLatch setupDone = new CountDownLatch(1);
    private final Worker[] workers;
    private final AtomicLong running;
    private final AtomicLong nextProgress = new AtomicLong();
    private volatile long startNanos;
    private volatile long endNanos;
    private final CompletableFuture<EmulationReport> done = new CompletableFuture<>();
    private final Tracker tracker = new Tracker();
    /** Guards {@link #finalReport} and itself. */
    private final List<Consumer<EmulationReport>> endHooks = new ArrayList<>();
    private EmulationReport finalReport;
    /** Calls the spec's listeners from a thread of its own; null without listeners. */
    private final ListenerNotifier notifier;

    private DefaultEmulation(EmulationSpec spec, DomainGenerator generator, SyncProducer sink, boolean ownsSink,
            long seed, RecordClock recordClock, EventTimeline timeline, Drift.Bound drift) {
        this.recordClock = recordClock;
        this.drift = drift;
        this.timeline = timeline;
        this.pacer = timeline.isTimed() && !spec.eventTime().isVirtual()
                // live, a domain that tells its records' event times: each when the clock reaches it
                ? Pacer.onClock(spec.clock())
                : spec.ratePerSecond().isPresent() && !spec.eventTime().isVirtual()
                // live: a wall-clock limit, modulated by the curve at the emulation clock's hour
                ? Pacer.live(spec.ratePerSecond().getAsDouble(), spec.rateCurve(), spec.clock())
                : Pacer.eventTime(spec.eventTime(), timeline.fromMillis());
        this.spec = spec;
        this.id = spec.id().orElseGet(() -> UUID.randomUUID().toString());
        this.domain = spec.domain();
        this.resource = spec.targetResource();
        Faults faults = faults(spec);
        this.labelResource = spec.faultLabels() && faults != null && faults.damages() ? sink.labelResource(resource)
                : null;
        this.seed = seed;
        this.clock = spec.clock();
        this.generator = generator;
        this.sink = sink;
        this.ownsSink = ownsSink;
        this.shardIndex = spec.shardIndex();
        this.shardCount = spec.shardCount();
        // maxRecords and the capacity both bound the domain's sequence numbers; this shard makes those it owns
        long byMaxRecords = Shards.count(shardCount, shardIndex, spec.maxRecords().orElse(Long.MAX_VALUE));
        long byCapacity = Shards.count(shardCount, shardIndex, generator.capacity());
        long byEventTime = Shards.count(shardCount, shardIndex, timeline.recordCount());
        this.limit = Math.min(byMaxRecords, Math.min(byCapacity, byEventTime));
        this.limitReason = byCapacity == limit && byCapacity < byMaxRecords ? StopReason.EXHAUSTED
                : byEventTime == limit && byEventTime < byMaxRecords ? StopReason.EVENT_TIME_END
                : StopReason.MAX_RECORDS;
        this.deadlineMillis = spec.duration()
                .map(d -> saturatedAdd(clock.millis(), d.toMillis()))
                .orElse(Long.MAX_VALUE);
        this.progressNanos = spec.progressInterval().toNanos();
        this.workers = new Worker[spec.threads()];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(this, i, "emulator-" + domain + "-" + i);
        }
        this.startPositions = new long[workers.length];
        for (int lane = 0; lane < workers.length; lane++) {
            startPositions[lane] = Lanes.first(lane);
        }
        this.running = new AtomicLong(workers.length);
        this.notifier = spec.listeners().isEmpty() ? null
                : new ListenerNotifier(this, spec.listeners(), "emulator-" + domain + "-listeners",
                        spec.progressInterval());
    }

    /** Builds the emulation (surfacing configuration errors) and launches its workers. */
    public static DefaultEmulation start(EmulationSpec spec) {
        // a resumable emulation without a seed derives one from its id, so that the same command resumes it
        long seed = spec.seed().orElseGet(() -> spec.resume() ? Resume.seedOf(spec.id().orElseThrow())
                : ThreadLocalRandom.current().nextLong());
        RecordClock recordClock = new RecordClock(spec.clock());
        DomainContext context = new DomainContext(seed, recordClock, spec.domainOptions());
        DomainGenerator generator = spec.registry().provider(spec.domain()).open(context);
        EventTimeline timeline = timeline(spec, seed, generator.timed());
        Faults faults = faults(spec);
        Drift.Bound drift = bind(faults, spec, generator, context);
        boolean owns = spec.sinkInstance().isEmpty();
        SyncProducer sink = spec.sinkInstance()
                .orElseGet(() -> spec.sinkRegistry().create(spec.sinkName().orElseThrow(), spec.sinkConfig()));
        if (faults != null || spec.resume()) {
            try {
                if (faults != null && sink.typedFormat().isPresent()) {
                    faults.checkFormat(sink.typedFormat().get());
                }
                if (faults != null && faults.damages() && spec.faultLabels()) {
                    sink.labelResource(spec.targetResource()); // a sink that cannot hold labels says so now
                }
                Resume.checkSink(spec, sink);
            } catch (InvalidSettingException e) {
                if (owns) {
                    sink.close();
                }
                throw e;
            }
        }
        DefaultEmulation emulation = new DefaultEmulation(spec, generator, sink, owns, seed, recordClock, timeline,
                drift);
        emulation.launch();
        return emulation;
    }

    /**
     * @param timed whether the domain tells its records' event times ({@link DomainGenerator#timed()})
     * @return the event times of {@code spec}'s records with {@code seed} (shared with fixtures)
     */
    public static EventTimeline timeline(EmulationSpec spec, long seed, boolean timed) {
        if (timed) {
            return EventTimeline.timed(spec.eventTime(), spec.clock(), seed, spec.domain());
        }
        return new EventTimeline(spec.eventTime(), spec.rateCurve(), spec.ratePerSecond().orElse(0),
                spec.latenessFraction(), spec.latenessMax(), spec.clock(), seed, spec.domain());
    }

    private void launch() {
        LOG.info("Emulation '{}' scheduled: domain '{}' -> '{}', {} thread(s), seed {}{}", id, domain, resource,
                workers.length, seed, spec.resource().isEmpty() && !spec.registry().hasOwnResource(domain)
                        ? "; domain '" + domain + "' has no resource of its own; writing to '" + resource + "'" : "");
        if (notifier != null) {
            // before any worker runs, so 'started' always precedes 'ended'
            notifier.started();
        }
        for (Worker worker : workers) {
            try {
                if (spec.executor().isPresent()) {
                    spec.executor().get().execute(worker);
                } else {
                    Thread thread = new Thread(worker, worker.name);
                    thread.setDaemon(false);
                    thread.start();
                }
            } catch (RuntimeException | Error e) {
                // the executor refused the worker: it never runs, so account for it here
                worker.refused(e);
                fail(new EmulatorException("Emulation '" + id + "' could not start worker '" + worker.name + "'", e));
                if (worker.index == 0) {
                    setupDone.countDown();
                }
                workerEnded();
            }
        }
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
        return status;
    }

    @Override
    public List<WorkerStatus> workers() {
        List<WorkerStatus> list = new ArrayList<>(workers.length);
        for (Worker worker : workers) {
            list.add(worker.status());
        }
        return list;
    }

    @Override
    public EmulationStats stats() {
        long start = startNanos;
        long end = endNanos;
        Duration elapsed = start == 0 ? Duration.ZERO
                : Duration.ofNanos((end != 0 ? end : System.nanoTime()) - start);
        // read delivered and failed before generated so a live snapshot never shows more outcomes than records
        long f = failed.sum();
        long d = delivered.sum();
        long g = generated.sum();
        return new EmulationStats(g, d, f, bytes.sum(), elapsed);
    }

    @Override
    public EmulationReport report() {
        EmulationStatus now = status;
        return new EmulationReport(id, domain, resource, seed, now, stats(), workers(), failure.get(),
                now.isTerminal() ? stopReason.get() : null);
    }

    @Override
    public void stop() {
        requestStop(StopReason.STOPPED);
    }

    @Override
    public EmulationReport awaitCompletion(Duration timeout) {
        try {
            return done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new EmulatorException("Emulation '" + id + "' did not end within " + timeout + " (status "
                    + status + ", " + stats() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmulatorException("Interrupted while waiting for emulation '" + id + "'", e);
        } catch (ExecutionException e) {
            throw new EmulatorException("Emulation '" + id + "' ended abnormally", e.getCause());
        }
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

    /**
     * Runs {@code hook} with the final report when the emulation ends, before {@link #awaitCompletion(Duration)}
     * returns; at once (on the calling thread) when it has already ended. Hooks run on the thread that ends the
     * emulation, so they must be short; one that throws is logged and the others still run.
     */
    public void onEnd(Consumer<EmulationReport> hook) {
        EmulationReport report;
        synchronized (endHooks) {
            report = finalReport;
            if (report == null) {
                endHooks.add(hook);
                return;
            }
        }
        runHook(hook, report);
    }

    private void runHook(Consumer<EmulationReport> hook, EmulationReport report) {
        try {
            hook.accept(report);
        } catch (RuntimeException | Error e) {
            LOG.warn("Emulation '{}': an end hook failed", id, e);
        }
    }

    @Override
    public String toString() {
        return "Emulation[" + id + ", " + domain + " -> " + resource + ", " + status + ", " + stats() + "]";
    }

    void requestStop(StopReason reason) {
        stopReason.compareAndSet(null, reason);
        stopRequested = true;
    }

    void fail(Throwable cause) {
        if (failure.compareAndSet(null, cause)) {
            LOG.error("Emulation '{}' failed: {}", id, cause.toString());
        } else if (failure.get() != cause && failure.get().getSuppressed().length < MAX_SUPPRESSED) {
            // later errors ride along with the first, bounded: a sink failing every record must not grow it forever
            failure.get().addSuppressed(cause);
        }
        requestStop(StopReason.FAILED);
    }

    boolean pastDeadline() {
        return deadlineMillis != Long.MAX_VALUE && clock.millis() >= deadlineMillis;
    }

    void maybeLogProgress() {
        long now = System.nanoTime();
        long next = nextProgress.get();
        if (now - next >= 0 && nextProgress.compareAndSet(next, now + progressNanos)) {
            LOG.info("Emulation '{}' ({} -> {}): {}", id, domain, resource, stats());
        }
    }

    void workerEnded() {
        if (running.decrementAndGet() == 0) {
            finish();
        }
    }

    /** The one shutdown path, run by the last worker to end. */
    private void finish() {
        try {
            sink.flush();
        } catch (RuntimeException | Error e) {
            fail(new SinkException("Final flush of '" + resource + "' failed", e));
        }
        if (ownsSink) {
            try {
                sink.close();
            } catch (RuntimeException | Error e) {
                fail(new SinkException("Closing the sink of '" + resource + "' failed", e));
            }
        }
        endNanos = System.nanoTime();
        if (startNanos == 0) {
            startNanos = endNanos;
        }
        long outstanding = generated.sum() - delivered.sum() - failed.sum();
        if (outstanding > 0) {
            // a sink that took records and never reported them: count them rather than lose them silently
            failed.add(outstanding);
            LOG.warn("Emulation '{}': {} record(s) were never reported by the sink after the final flush; counted "
                    + "as failed", id, outstanding);
        } else if (outstanding < 0) {
            LOG.error("Emulation '{}': the sink reported {} more outcome(s) than records produced", id, -outstanding);
        }
        StopReason reason = stopReason.get();
        status = failure.get() != null ? EmulationStatus.FAILED
                : reason == StopReason.STOPPED ? EmulationStatus.STOPPED
                : EmulationStatus.COMPLETED;
        EmulationReport report = report();
        LOG.info("Emulation '{}' {} ({}): {}", id, status, reason == null ? "ended" : reason.describe(),
                report.stats());
        if (reason == StopReason.DURATION && report.stats().generated() == 0) {
            LOG.warn("Emulation '{}': the duration ({}) ended it before any record was made", id,
                    spec.duration().map(Duration::toString).orElse("?"));
        }
        if (notifier != null) {
            notifier.ended(report);
        }
        List<Consumer<EmulationReport>> hooks;
        synchronized (endHooks) {
            finalReport = report;
            hooks = new ArrayList<>(endHooks);
            endHooks.clear();
        }
        hooks.forEach(hook -> runHook(hook, report));
        done.complete(report);
    }

    // ---- what the workers use

    Pacer pacer() {
        return pacer;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    boolean setupSucceeded() {
        return setupSucceeded;
    }

    int shardCount() {
        return shardCount;
    }

    int shardIndex() {
        return shardIndex;
    }

    boolean logsProgress() {
        return progressNanos > 0;
    }

    /** @return the positions this emulation makes are those below it */
    long limit() {
        return limit;
    }

    /** @return the lane count: the number of workers */
    int lanes() {
        return workers.length;
    }

    /**
     * @param lane a lane (a worker's index)
     * @return the lane's first position to make: its first, or where a resumed emulation's sink says it stopped
     */
    long startPosition(int lane) {
        return startPositions[lane];
    }

    /** A worker found no block left: production ends at {@link #limit}, unless another reason came first. */
    void limitReached() {
        stopReason.compareAndSet(null, limitReason);
    }

    /**
     * For a domain that tells its records' event times: whether record {@code seq} is at or after the end of a
     * backfill, which then ends (records before it are all earlier: a timed domain's times do not decrease).
     */
    boolean pastEventTimeEnd(long plannedMillis) {
        if (!timeline.isTimed() || plannedMillis == Long.MAX_VALUE || plannedMillis < timeline.endMillis()) {
            return false; // no such record (making it reports the domain exhausted), or one before the end
        }
        stopReason.compareAndSet(null, StopReason.EVENT_TIME_END);
        return true;
    }

    /** A worker's domain is exhausted; workers holding lower numbers still make theirs. */
    void exhausted() {
        stopReason.compareAndSet(null, StopReason.EXHAUSTED);
    }

    /**
     * @param lane the worker's lane
     * @return a record maker for one worker, reporting to this emulation's tracker
     */
    RecordMaker newRecordMaker(int lane) {
        return new RecordMaker(id, domain, seed, spec.envelope(), recordClock, timeline, generator, tracker,
                faults(spec), drift).inLane(lane);
    }

    /**
     * Checks the faults against the domain's schema and binds their drift to the generator.
     *
     * @param faults the faults, or {@code null} for none
     * @return the bound drift, or {@code null} without
     * @throws dev.dataemulator.core.InvalidSettingException naming the bad {@code faults.KEY}
     */
    public static Drift.Bound bind(Faults faults, EmulationSpec spec, DomainGenerator generator,
            DomainContext context) {
        if (faults == null) {
            return null;
        }
        faults.check(spec.domain(), generator);
        return faults.drift() == null ? null : faults.drift().bind(spec.domain(), generator, context, spec.eventTime());
    }

    /** @return the spec's faults, or else the domain's own ({@code DomainProvider#faults()}); null for none */
    public static Faults faults(EmulationSpec spec) {
        Map<String, String> entries = spec.faults();
        return Faults.parse(entries.isEmpty() ? spec.registry().provider(spec.domain()).faults() : entries);
    }

    /** Counts a record made, before it is handed to the sink. */
    void generated() {
        generated.increment();
    }

    /**
     * Hands a record to the sink; a record the sink refuses is counted failed, and then ends the worker unless the
     * error policy is {@code CONTINUE}. An {@link Error} from the sink counts its record failed too, and always ends
     * the worker (failing the run).
     */
    void produce(EmulatedRecord record, long seq, boolean continueOnError) {
        produce(resource, record, seq, continueOnError);
    }

    /** @return whether the labels of damaged records go to their resource */
    boolean labels() {
        return labelResource != null;
    }

    /** Hands a label ({@link RecordMaker#label}) to the sink, for its resource; as {@link #produce} does a record. */
    void produceLabel(EmulatedRecord label, boolean continueOnError) {
        produce(labelResource, label, label.seq(), continueOnError);
    }

    private void produce(String to, EmulatedRecord record, long seq, boolean continueOnError) {
        try {
            sink.produce(to, record.key(), record);
        } catch (RuntimeException | Error e) {
            failed.increment();
            if (e instanceof Error || !continueOnError) {
                throw e;
            }
            if (loggedRejection.compareAndSet(false, true)) {
                LOG.warn("Emulation '{}': sink rejected record {} (error policy CONTINUE, further "
                        + "rejections are only counted): {}", id, seq, e.toString());
            }
        }
    }

    /** Waits for worker 0's set-up, successful or not. */
    void awaitSetUp() throws InterruptedException {
        setupDone.await();
    }

    /**
     * Worker 0's set-up: the sink's resource, what a resumable emulation's sink holds of it, then the start of
     * production and of its pacing.
     */
    void setUp() {
        try {
            sink.setupResource(resource);
            if (labelResource != null && !labelResource.equals(resource)) {
                sink.setupResource(labelResource);
            }
            if (spec.resume()) {
                Resume.startPositions(spec, id, seed, resource, sink, limit, startPositions);
            }
            startNanos = System.nanoTime();
            pacer.start(startNanos);
            nextProgress.set(startNanos + progressNanos);
            setupSucceeded = true;
            status = EmulationStatus.RUNNING;
            LOG.info("Emulation '{}' running: resource '{}' ready", id, resource);
        } catch (RuntimeException | Error e) {
            fail(e instanceof SinkException || e instanceof InvalidSettingException ? e
                    : new SinkException("Setting up resource '" + resource + "' failed: " + e.getMessage(), e));
        } finally {
            setupDone.countDown();
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private final class Tracker implements DeliveryTracker {
        @Override
        public void delivered(long records) {
            delivered.add(records);
        }

        @Override
        public void failed(long records, Throwable cause) {
            failed.add(records);
            if (loggedRejection.compareAndSet(false, true)) {
                LOG.warn("Emulation '{}': {} record(s) not delivered to '{}': {}", id, records, resource,
                        String.valueOf(cause));
            }
        }

        @Override
        public void encoded(long count) {
            bytes.add(count);
        }

        @Override
        public void abort(Throwable cause) {
            fail(cause);
        }
    }
}
