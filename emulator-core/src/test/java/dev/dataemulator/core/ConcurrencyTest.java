package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.core.testing.CounterDomain;
import dev.dataemulator.core.testing.ScriptedSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Stop and close from other threads at any moment, a sink that throws now and then, many workers. */
class ConcurrencyTest {
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new CounterDomain());

    private static EmulationSpec.Builder spec() {
        return EmulationSpec.builder().registry(DOMAINS).domain("counter");
    }

    private static void assertAccounted(EmulationReport report, ScriptedSink sink) {
        EmulationStats stats = report.stats();
        assertThat(stats.generated()).isEqualTo(stats.delivered() + stats.failed());
        assertThat(sink.produceCalls()).as("every generated record reached the sink once")
                .isEqualTo(stats.generated());
        Set<Long> seqs = new HashSet<>();
        sink.accepted().forEach(r -> assertThat(seqs.add(r.seq())).as("seq %d twice", r.seq()).isTrue());
    }

    @RepeatedTest(20)
    void stopAndCloseFromOtherThreadsAtAnyMomentLeaveNothingRunningOrUnaccounted() throws Exception {
        ScriptedSink sink = new ScriptedSink().deliverAtFlush();
        Emulation emulation = EmulationRunner.start(spec().sink(sink).threads(16).build());
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextInt(0, 20_000)));

        CountDownLatch go = new CountDownLatch(1);
        List<Thread> stoppers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean close = i % 2 == 0;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                if (close) {
                    emulation.close();
                } else {
                    emulation.stop();
                }
            });
            thread.start();
            stoppers.add(thread);
        }
        go.countDown();
        for (Thread thread : stoppers) {
            thread.join(30_000);
        }

        EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(30));
        assertThat(report.status()).isEqualTo(EmulationStatus.STOPPED);
        assertAccounted(report, sink);
        assertThat(report.stats().failed()).isZero();
        assertThat(report.workers()).extracting(WorkerStatus::state)
                .allMatch(state -> state == WorkerStatus.State.FINISHED);
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("emulator-counter-")));
    }

    @Test
    void stopBeforeTheWorkersStartStillEndsCleanly() {
        ScriptedSink sink = new ScriptedSink();
        Emulation emulation = EmulationRunner.start(spec().sink(sink).threads(8).build());
        emulation.stop();
        EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(30));
        assertThat(report.status()).isEqualTo(EmulationStatus.STOPPED);
        assertAccounted(report, sink);
    }

    @Test
    void intermittentlyThrowingSinkKeepsExactCountsUnderContinue() {
        // every 7th record is rejected by produce, the rest are delivered later at flush
        ScriptedSink sink = new ScriptedSink().rejectWhen(seq -> seq % 7 == 3).deliverAtFlush();
        EmulationReport report = EmulationRunner.run(spec().sink(sink).threads(16).maxRecords(70_000)
                .errorPolicy(ErrorPolicy.CONTINUE).build());

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().generated()).isEqualTo(70_000);
        assertThat(report.stats().failed()).isEqualTo(10_000);
        assertThat(report.stats().delivered()).isEqualTo(60_000);
        assertThat(sink.accepted()).hasSize(60_000);
    }

    @Test
    void intermittentlyThrowingSinkFailsFastUnderTheDefaultPolicyWithExactCounts() {
        ScriptedSink sink = new ScriptedSink().rejectWhen(seq -> seq > 5_000 && seq % 1_000 == 0).deliverAtFlush();
        EmulationReport report = EmulationRunner.run(spec().sink(sink).threads(16).maxRecords(1_000_000).build());

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.failure()).get().asString().contains("rejected record");
        assertThat(report.stats().generated()).isLessThan(1_000_000);
        // the rejected records are failed, everything the sink took was delivered at the final flush
        assertThat(report.stats().delivered()).isEqualTo(sink.accepted().size());
        assertThat(report.stats().failed()).isEqualTo(report.stats().generated() - sink.accepted().size())
                .isPositive();
    }

    @Test
    void anErrorThrownByProduceFailsTheRunEvenUnderContinueAndCountsItsRecordFailed() throws Exception {
        CountDownLatch flushing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedSink sink = new ScriptedSink().errorWhen(seq -> seq == 2_000).beforeFlush(() -> {
            flushing.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Emulation emulation = EmulationRunner.start(spec().sink(sink).threads(4).maxRecords(1_000_000)
                .errorPolicy(ErrorPolicy.CONTINUE).build());
        try {
            // held in the final flush: every worker has ended, the end-of-run sweep of unreported records has not run
            assertThat(flushing.await(30, TimeUnit.SECONDS)).isTrue();
            EmulationStats live = emulation.stats();
            assertThat(live.failed()).as("the record whose produce threw is counted failed").isEqualTo(1);
            assertThat(live.generated()).isEqualTo(live.delivered() + live.failed());
        } finally {
            release.countDown();
        }

        EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(30));
        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.failure()).get().asString().contains("error in produce of record 2000");
        assertThat(report.stats().failed()).isEqualTo(1);
        assertThat(report.stats().delivered()).isEqualTo(sink.accepted().size());
        assertAccounted(report, sink);
    }

    @Test
    void sixteenWorkersProduceEverySeqExactlyOnce() {
        ScriptedSink sink = new ScriptedSink();
        EmulationReport report = EmulationRunner.run(spec().sink(sink).threads(16).maxRecords(200_003).build());
        assertThat(report.stats().generated()).isEqualTo(200_003);
        assertAccounted(report, sink);
        assertThat(sink.accepted()).extracting(EmulatedRecord::seq).doesNotHaveDuplicates().hasSize(200_003)
                .allMatch(seq -> seq < 200_003);
    }
}
