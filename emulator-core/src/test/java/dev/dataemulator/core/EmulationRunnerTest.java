package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.core.spi.SinkProvider;
import dev.dataemulator.core.spi.SyncProducer;
import dev.dataemulator.core.testing.ControlledClock;
import dev.dataemulator.core.testing.CounterDomain;
import dev.dataemulator.core.testing.ScriptedSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EmulationRunnerTest {
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new CounterDomain());

    private static EmulationSpec.Builder spec() {
        return EmulationSpec.builder().registry(DOMAINS).domain("counter");
    }

    private static void assertCountsAddUp(EmulationReport report) {
        EmulationStats stats = report.stats();
        assertThat(stats.generated()).isEqualTo(stats.delivered() + stats.failed());
    }

    @Test
    void maxRecordsProducesExactlyThatManyRecordsWithDistinctSeqs() {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationReport report = EmulationRunner.run(spec().sink(sink).threads(4).maxRecords(10_007).build());

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().generated()).isEqualTo(10_007);
        assertThat(report.stats().delivered()).isEqualTo(10_007);
        assertThat(report.stats().failed()).isZero();
        List<EmulatedRecord> records = sink.records("counters");
        assertThat(records).hasSize(10_007);
        assertThat(records.stream().map(EmulatedRecord::seq).collect(Collectors.toSet()))
                .hasSize(10_007).allMatch(seq -> seq >= 0 && seq < 10_007);
        // the memory sink keeps records without encoding them: no bytes (StdoutSinkTest counts a sink's bytes)
        assertThat(report.stats().bytes()).isZero();
    }

    @Test
    void durationStopsTheEmulationWhenTheClockPassesTheDeadline() {
        ControlledClock clock = new ControlledClock(1_000_000);
        ScriptedSink sink = new ScriptedSink();
        Emulation emulation = EmulationRunner.start(spec().sink(sink).threads(2).clock(clock)
                .duration(Duration.ofMinutes(10)).build());

        await().until(() -> emulation.stats().generated() > 1000);
        assertThat(emulation.status()).isEqualTo(EmulationStatus.RUNNING);
        clock.advance(Duration.ofMinutes(10).toMillis());

        EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(5));
        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertCountsAddUp(report);
        assertThat(report.workers()).extracting(WorkerStatus::state).containsOnly(WorkerStatus.State.FINISHED);
        // nothing was produced behind the report's back
        assertThat(sink.produceCalls()).isEqualTo(report.stats().generated());
    }

    @Test
    void stopEndsTheEmulationAsStoppedAndFlushesTheSink() {
        ScriptedSink sink = new ScriptedSink().deliverAtFlush();
        Emulation emulation = EmulationRunner.start(spec().sink(sink).threads(3).build());
        await().until(() -> emulation.stats().generated() > 500);

        emulation.stop();
        EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(5));

        assertThat(report.status()).isEqualTo(EmulationStatus.STOPPED);
        assertThat(sink.flushes.get()).isEqualTo(1);
        assertThat(sink.closes.get()).isZero(); // the caller owns an instance sink
        assertThat(report.stats().delivered()).isEqualTo(report.stats().generated());
        assertThat(report.stats().failed()).isZero();
    }

    @Test
    void exhaustedDomainCompletesWithEveryRecordOnce() {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationReport report = EmulationRunner.run(spec().sink(sink).threads(4)
                .domainOption("capacity", "1000").build());

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().generated()).isEqualTo(1000);
        assertThat(sink.records().stream().map(EmulatedRecord::seq).collect(Collectors.toSet())).hasSize(1000);
    }

    @Test
    void rejectedRecordFailsTheEmulationWithTheCauseByDefault() {
        ScriptedSink sink = new ScriptedSink().rejectWhen(seq -> seq == 300);
        EmulationReport report = EmulationRunner.run(spec().sink(sink).threads(2).maxRecords(100_000).build());

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.failure()).get().asString().contains("rejected record 300");
        assertThat(report.stats().failed()).isEqualTo(1);
        assertCountsAddUp(report);
        assertThat(report.workers()).extracting(WorkerStatus::state).contains(WorkerStatus.State.ERROR);
        assertThat(report.workers()).filteredOn(w -> w.state() == WorkerStatus.State.ERROR)
                .extracting(WorkerStatus::error).allMatch(e -> e.contains("rejected record 300"));
    }

    @Test
    void aSinkAbortingOnEveryRecordKeepsTheFirstCauseAndABoundedNumberOfLaterOnes() {
        dev.dataemulator.core.spi.SyncProducer aborting = new dev.dataemulator.core.spi.SyncProducer() {
            @Override
            public void setupResource(String resource) {
            }

            @Override
            public void produce(String resource, String key, EmulatedRecord record) {
                record.tracker().failed(1, new SinkException("refused " + record.seq()));
                record.tracker().abort(new SinkException("fatal " + record.seq()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        EmulationReport report = EmulationRunner.run(spec().sink(aborting).threads(8).maxRecords(100_000).build());

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.failure()).get().asString().contains("fatal");
        assertThat(report.failure().get().getSuppressed()).hasSizeLessThanOrEqualTo(16);
        assertThat(report.stats().failed()).isEqualTo(report.stats().generated());
    }

    @Test
    void continuePolicyCountsRejectedRecordsAndGoesOn() {
        ScriptedSink sink = new ScriptedSink().rejectWhen(seq -> seq % 10 == 0);
        EmulationReport report = EmulationRunner.run(spec().sink(sink).threads(3).maxRecords(5000)
                .errorPolicy(ErrorPolicy.CONTINUE).build());

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().generated()).isEqualTo(5000);
        assertThat(report.stats().failed()).isEqualTo(500);
        assertThat(report.stats().delivered()).isEqualTo(4500);
    }

    @Test
    void setupFailureEndsFailedWithoutProducingAnything() {
        ScriptedSink sink = new ScriptedSink().failSetup(new SinkException("broker 'x:1' unreachable"));
        EmulationReport report = EmulationRunner.run(spec().sink(sink).threads(3).maxRecords(10).build());

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.failure()).get().asString().contains("broker 'x:1' unreachable");
        assertThat(sink.produceCalls()).isZero();
        assertThat(report.stats().generated()).isZero();
    }

    @Test
    void recordsASinkNeverReportsAreCountedAsFailedAfterTheFinalFlush() {
        ScriptedSink sink = new ScriptedSink().forgetToReport();
        EmulationReport report = EmulationRunner.run(spec().sink(sink).maxRecords(50).build());

        assertThat(report.stats().generated()).isEqualTo(50);
        assertThat(report.stats().failed()).isEqualTo(50);
        assertCountsAddUp(report);
    }

    @Test
    void workersRunOnTheGivenExecutorWhateverItsSize() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            MemorySyncProducer sink = new MemorySyncProducer(false);
            EmulationReport report = EmulationRunner.run(spec().sink(sink).threads(4).executor(single)
                    .maxRecords(2000).build());
            assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
            assertThat(sink.count()).isEqualTo(2000);
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void workerThreadsAreNamedAfterTheDomainAndEndWithTheEmulation() {
        ScriptedSink sink = new ScriptedSink();
        Emulation emulation = EmulationRunner.start(spec().sink(sink).threads(2).build());
        await().until(() -> emulation.status() == EmulationStatus.RUNNING);
        assertThat(liveThreads()).contains("emulator-counter-0", "emulator-counter-1");
        assertThat(emulation.workers()).extracting(WorkerStatus::name)
                .containsExactly("emulator-counter-0", "emulator-counter-1");

        emulation.close();
        emulation.close(); // idempotent

        assertThat(emulation.status()).isEqualTo(EmulationStatus.STOPPED);
        await().untilAsserted(() -> assertThat(liveThreads()).noneMatch(n -> n.startsWith("emulator-counter-")));
    }

    @Test
    void aSinkTheEmulationBuiltByNameIsFlushedAndClosedAtTheEnd() {
        ScriptedSink built = new ScriptedSink().deliverAtFlush();
        SinkRegistry sinks = SinkRegistry.of(new SinkProvider() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public SyncProducer create(Map<String, String> config) {
                return built;
            }
        });
        EmulationReport report = EmulationRunner.run(spec().sinkRegistry(sinks).sink("scripted", Map.of())
                .threads(2).maxRecords(300).build());

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().delivered()).isEqualTo(300);
        assertThat(built.flushes.get()).isEqualTo(1);
        assertThat(built.closes.get()).isEqualTo(1);
    }

    @Test
    void aSinkConfigurationErrorSurfacesAtStart() {
        assertThatThrownBy(() -> EmulationRunner.start(spec().sink("memory", Map.of("capture", "maybe")).build()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'capture' = 'maybe'");
    }

    @Test
    void domainOptionErrorsSurfaceAtStart() {
        assertThatThrownBy(() -> EmulationRunner.start(spec().sink(new MemorySyncProducer())
                .domainOption("colour", "red").build()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'colour' = 'red'");
    }

    @Test
    void rateLimitHoldsTheGlobalRateAcrossWorkers() {
        MemorySyncProducer sink = new MemorySyncProducer(false);
        long start = System.nanoTime();
        EmulationReport report = EmulationRunner.run(spec().sink(sink).threads(4).ratePerSecond(400)
                .maxRecords(200).build());
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(report.stats().generated()).isEqualTo(200);
        // 200 records at 400/s cannot take less than ~0.5 s, whatever the thread count
        assertThat(seconds).isGreaterThan(0.45);
    }

    @Test
    void awaitCompletionTimesOutWithAClearMessage() {
        Emulation emulation = EmulationRunner.start(spec().sink(new ScriptedSink()).build());
        try {
            assertThatThrownBy(() -> emulation.awaitCompletion(Duration.ofMillis(50)))
                    .isInstanceOf(EmulatorException.class)
                    .hasMessageContaining("did not end within PT0.05S");
        } finally {
            emulation.close();
        }
    }

    @Test
    void interruptingRunStopsTheEmulationWaitsForItsEndAndKeepsTheInterrupt() throws Exception {
        ScriptedSink sink = new ScriptedSink();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                EmulationRunner.run(spec().sink(sink).threads(2).build()); // unbounded
            } catch (RuntimeException e) {
                thrown.set(e);
            }
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        }, "run-caller");
        caller.start();
        await().until(() -> sink.produceCalls() > 1000);

        caller.interrupt();
        caller.join(Duration.ofSeconds(30).toMillis());

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(EmulatorException.class)
                .hasMessageContaining("Interrupted while running emulation")
                .hasMessageContaining("stopped it")
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(interruptedAfter).isTrue();
        // run waited for the one shutdown path: the sink was flushed, and nothing is produced any more
        assertThat(sink.flushes.get()).isEqualTo(1);
        long produced = sink.produceCalls();
        // the worker that ran the shutdown path completes the report just before its thread ends
        await().untilAsserted(() -> assertThat(liveThreads()).noneMatch(n -> n.startsWith("emulator-counter-")));
        assertThat(sink.produceCalls()).isEqualTo(produced);
    }

    @Test
    void anExecutorThatRefusesAWorkerFailsTheEmulationAndTheOthersStillEnd() {
        AtomicInteger submitted = new AtomicInteger();
        Executor refusesTheSecond = command -> {
            if (submitted.getAndIncrement() == 1) {
                throw new RejectedExecutionException("queue full");
            }
            new Thread(command, "accepted-worker").start();
        };
        ScriptedSink sink = new ScriptedSink();
        Emulation emulation = EmulationRunner.start(spec().sink(sink).threads(3).executor(refusesTheSecond).build());

        EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(30));
        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.failure()).get().asString()
                .contains("could not start worker 'emulator-counter-1'");
        assertThat(report.workers()).filteredOn(w -> w.state() == WorkerStatus.State.ERROR)
                .extracting(WorkerStatus::name, WorkerStatus::error)
                .containsExactly(tuple("emulator-counter-1",
                        "not started: java.util.concurrent.RejectedExecutionException: queue full"));
        assertCountsAddUp(report);
        assertThat(sink.flushes.get()).isEqualTo(1);
    }

    @Test
    void anExecutorThatRefusesTheSetUpWorkerFailsWithoutProducing() {
        ScriptedSink sink = new ScriptedSink();
        Executor refusesAll = command -> {
            throw new RejectedExecutionException("shut down");
        };
        EmulationReport report = EmulationRunner.run(spec().sink(sink).threads(2).executor(refusesAll).build());

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.workers()).extracting(WorkerStatus::state).containsOnly(WorkerStatus.State.ERROR);
        assertThat(sink.produceCalls()).isZero();
    }

    @Test
    void closeGivesUpAfterTheCloseTimeoutWhileASinkCallHangsAndTheEmulationStillEndsLater() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch hanging = new CountDownLatch(1);
        MemorySyncProducer memory = new MemorySyncProducer(false);
        SyncProducer hangsOnce = new SyncProducer() {
            @Override
            public void setupResource(String resource) {
                memory.setupResource(resource);
            }

            @Override
            public void produce(String resource, String key, EmulatedRecord record) {
                if (record.seq() == 100) {
                    hanging.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                memory.produce(resource, key, record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Emulation emulation = EmulationRunner.start(spec().sink(hangsOnce).maxRecords(101)
                .closeTimeout(Duration.ofMillis(200)).build());
        await().until(() -> hanging.getCount() == 0);

        assertThatThrownBy(emulation::close)
                .isInstanceOf(EmulatorException.class)
                .hasMessageContaining("did not end within PT0.2S");
        assertThat(emulation.status()).isEqualTo(EmulationStatus.RUNNING);

        release.countDown();
        EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(30));
        assertThat(report.status()).isEqualTo(EmulationStatus.STOPPED);
        assertCountsAddUp(report);
    }

    @Test
    void completionCompletesWithTheFinalReportAndCannotBeCompletedFromOutside() throws Exception {
        ScriptedSink sink = new ScriptedSink();
        Emulation emulation = EmulationRunner.start(spec().sink(sink).maxRecords(500).build());
        CompletableFuture<EmulationReport> outside = emulation.completion().toCompletableFuture();
        outside.cancel(true);
        AtomicReference<EmulationReport> seen = new AtomicReference<>();
        emulation.completion().thenAccept(seen::set);

        await().untilAsserted(() -> assertThat(seen.get()).isNotNull());
        assertThat(seen.get().status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(seen.get().stats().generated()).isEqualTo(500);
        assertThat(emulation.awaitCompletion(Duration.ofSeconds(5)).stats()).isEqualTo(seen.get().stats());
        // a stage obtained after the end completes at once
        assertThat(emulation.completion().toCompletableFuture().getNow(null)).isNotNull();
    }

    private static Set<String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toSet());
    }
}
