package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.core.testing.ControlledClock;
import dev.dataemulator.core.testing.CounterDomain;
import dev.dataemulator.core.testing.ResumableMemorySink;
import dev.dataemulator.core.testing.ScriptedSink;
import dev.dataemulator.core.spi.SyncProducer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EmulatorServiceTest {
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new CounterDomain());

    private static EmulationSpec.Builder spec() {
        return EmulationSpec.builder().registry(DOMAINS).domain("counter").sink(new ScriptedSink());
    }

    private static EmulationSpec unbounded() {
        return spec().build();
    }

    private static EmulationSpec bounded(long records) {
        return spec().maxRecords(records).build();
    }

    private static boolean noWorkerThreadLeft() {
        return Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("emulator-counter-"));
    }

    @Test
    void startedEmulationsAreFoundByIdListedInStartOrderAndStoppedById() {
        try (EmulatorService service = EmulatorService.create()) {
            Emulation first = service.start(unbounded());
            Emulation second = service.start(spec().id("second").build());

            assertThat(service.get(first.id())).isSameAs(first);
            assertThat(service.find("second")).containsSame(second);
            assertThat(service.list()).containsExactly(first, second);
            await().until(() -> service.report("second").stats().generated() > 0);

            Emulation stopped = service.stop("second");
            assertThat(stopped).isSameAs(second);
            EmulationReport report = stopped.awaitCompletion(Duration.ofSeconds(30));
            assertThat(report.status()).isEqualTo(EmulationStatus.STOPPED);
            assertThat(service.report("second").status()).isEqualTo(EmulationStatus.STOPPED);
            assertThat(service.get(first.id()).status()).isEqualTo(EmulationStatus.RUNNING);
        }
    }

    @Test
    void stoppingAnEndedEmulationIsHarmless() {
        try (EmulatorService service = EmulatorService.create()) {
            Emulation emulation = service.start(bounded(100));
            EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(30));

            assertThat(service.stop(emulation.id()).status()).isEqualTo(EmulationStatus.COMPLETED);
            service.stop(emulation.id());
            assertThat(service.report(emulation.id())).usingRecursiveComparison().isEqualTo(report);
        }
    }

    @Test
    void anUnknownIdIsATypedErrorOrAnEmptyOptional() {
        try (EmulatorService service = EmulatorService.create()) {
            assertThat(service.find("nope")).isEmpty();
            assertThatThrownBy(() -> service.get("nope")).isInstanceOf(UnknownEmulationException.class)
                    .hasMessageContaining("'nope'")
                    .satisfies(e -> assertThat(((UnknownEmulationException) e).id()).isEqualTo("nope"));
            assertThatThrownBy(() -> service.stop("nope")).isInstanceOf(UnknownEmulationException.class);
            assertThatThrownBy(() -> service.report("nope")).isInstanceOf(UnknownEmulationException.class);
        }
    }

    @Test
    void aResumableEmulationThatFailedIsResumedUnderItsIdAndOtherEmulationsAreRefusedNamingTheId() {
        ResumableMemorySink sink = new ResumableMemorySink().refuseAfter(300);
        try (EmulatorService service = EmulatorService.create()) {
            Emulation failed = service.start(spec().sink(sink).maxRecords(1_000).seed(3).id("job-r").resume(true)
                    .build());
            assertThat(failed.awaitCompletion(Duration.ofSeconds(30)).status()).isEqualTo(EmulationStatus.FAILED);
            assertThat(EmulatorService.resumable(failed)).isTrue();
            Emulation plain = service.start(spec().maxRecords(5).id("job-p").build());
            plain.awaitCompletion(Duration.ofSeconds(30));
            assertThat(EmulatorService.resumable(plain)).isFalse();

            long before = sink.records().size();
            sink.accept();
            Emulation resumed = service.resume("job-r");
            EmulationReport report = resumed.awaitCompletion(Duration.ofSeconds(30));
            assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
            assertThat(report.stats().generated()).as("only what the sink did not hold").isEqualTo(1_000 - before);
            assertThat(sink.records()).hasSize(1_000);
            assertThat(service.get("job-r")).isSameAs(resumed);
            assertThat(EmulatorService.resumable(resumed)).as("completed").isFalse();

            assertThatThrownBy(() -> service.resume("job-r")).isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("'id' = 'job-r': cannot be resumed: it is COMPLETED");
            assertThatThrownBy(() -> service.resume("job-p")).isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("'id' = 'job-p': was not started with resume=true");
            assertThatThrownBy(() -> service.resume("nope")).isInstanceOf(UnknownEmulationException.class);
        }
    }

    @Test
    void aFixedIdAlreadyKnownIsRejectedNamingTheId() {
        try (EmulatorService service = EmulatorService.create()) {
            service.start(spec().id("job-1").build());

            assertThatThrownBy(() -> service.start(spec().id("job-1").build()))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("'id' = 'job-1'").hasMessageContaining("already used");
            assertThat(service.list()).hasSize(1);
        }
    }

    @Test
    void aStartThatFailsLeavesNothingBehindAndFreesItsId() {
        try (EmulatorService service = EmulatorService.create()) {
            EmulationSpec bad = EmulationSpec.builder().registry(DOMAINS).domain("counter").id("bad")
                    .sink("memory", java.util.Map.of()).domainOption("colour", "red").build();
            assertThatThrownBy(() -> service.start(bad)).isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("colour");
            assertThat(service.list()).isEmpty();

            assertThat(service.start(spec().id("bad").maxRecords(1).build()).id()).isEqualTo("bad");
        }
    }

    @Test
    void endedEmulationsAreForgottenAfterTheRetention() {
        ControlledClock clock = new ControlledClock(1_000_000);
        try (EmulatorService service = EmulatorService.builder().clock(clock).retention(Duration.ofMinutes(5))
                .build()) {
            Emulation running = service.start(unbounded());
            Emulation done = service.start(bounded(10));
            done.awaitCompletion(Duration.ofSeconds(30));
            Instant started = service.startedAt(done.id());
            assertThat(started).isEqualTo(Instant.ofEpochMilli(1_000_000));
            assertThat(service.list()).contains(done);

            clock.advance(Duration.ofMinutes(5).toMillis() - 1);
            assertThat(service.find(done.id())).isPresent();
            clock.advance(1);
            assertThat(service.find(done.id())).isEmpty();
            assertThatThrownBy(() -> service.report(done.id())).isInstanceOf(UnknownEmulationException.class);

            clock.advance(Duration.ofDays(1).toMillis());
            assertThat(service.list()).as("running emulations are never forgotten").containsExactly(running);
        }
    }

    @Test
    void atMostMaxEndedEmulationsAreKeptTheOldestEndedForgottenFirst() {
        try (EmulatorService service = EmulatorService.builder().maxEnded(3).build()) {
            Emulation running = service.start(unbounded());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Emulation emulation = service.start(bounded(5));
                emulation.awaitCompletion(Duration.ofSeconds(30));
                ids.add(emulation.id());
                assertThat(service.list()).hasSize(1 + Math.min(3, ids.size()));
            }

            assertThat(service.list()).extracting(Emulation::id)
                    .containsExactly(running.id(), ids.get(2), ids.get(3), ids.get(4));
            assertThat(service.find(ids.get(0))).isEmpty();
        }
    }

    @Test
    void maxEndedZeroForgetsEmulationsAsTheyEnd() {
        try (EmulatorService service = EmulatorService.builder().maxEnded(0).build()) {
            Emulation emulation = service.start(bounded(5));
            emulation.awaitCompletion(Duration.ofSeconds(30));

            assertThat(service.find(emulation.id())).isEmpty();
        }
    }

    @Test
    void closeStopsEveryRunningEmulationAndRefusesNewOnes() {
        EmulatorService service = EmulatorService.create();
        List<Emulation> emulations = List.of(service.start(spec().threads(3).build()), service.start(unbounded()));
        await().until(() -> emulations.stream().allMatch(e -> e.stats().generated() > 0));

        service.close();

        assertThat(emulations).allSatisfy(e -> assertThat(e.status()).isEqualTo(EmulationStatus.STOPPED));
        await().until(EmulatorServiceTest::noWorkerThreadLeft);
        assertThatThrownBy(() -> service.start(unbounded())).isInstanceOf(EmulatorException.class)
                .hasMessageContaining("closed");
        assertThat(service.list()).hasSize(2);
        service.close();
    }

    @Test
    void closeIsBoundedAndNamesTheEmulationsThatDidNotEnd() {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedSink delegate = new ScriptedSink();
        SyncProducer stuck = new SyncProducer() {
            @Override
            public void setupResource(String resource) {
                delegate.setupResource(resource);
            }

            @Override
            public void produce(String resource, String key, EmulatedRecord record) {
                delegate.produce(resource, key, record);
            }

            @Override
            public void flush() {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                delegate.flush();
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
        EmulatorService service = EmulatorService.builder().closeTimeout(Duration.ofMillis(200)).build();
        Emulation emulation = service.start(EmulationSpec.builder().registry(DOMAINS).domain("counter")
                .sink(stuck).id("stuck").build());
        try {
            assertThatThrownBy(service::close).isInstanceOf(EmulatorException.class)
                    .hasMessageContaining("[stuck]").hasMessageContaining("did not end");
        } finally {
            release.countDown();
        }
        assertThat(emulation.awaitCompletion(Duration.ofSeconds(30)).status()).isEqualTo(EmulationStatus.STOPPED);
    }

    @Test
    void concurrentStartsAndQueriesKeepEveryEmulation() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (EmulatorService service = EmulatorService.create()) {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ids.add(pool.submit(() -> {
                    Emulation emulation = service.start(bounded(20));
                    service.list();
                    return service.get(emulation.id()).id();
                }));
            }
            List<String> started = new ArrayList<>();
            for (Future<String> id : ids) {
                started.add(id.get());
            }
            assertThat(service.list()).extracting(Emulation::id).containsExactlyInAnyOrderElementsOf(started);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badServiceSettingsAreReportedAtOnceWithTheirValues() {
        assertThatThrownBy(() -> EmulatorService.builder().maxEnded(-1).retention(Duration.ZERO)
                .closeTimeout(Duration.ofSeconds(-1)).clock(null).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'maxEnded' = '-1'")
                .hasMessageContaining("'retention' = 'PT0S'")
                .hasMessageContaining("'closeTimeout' = 'PT-1S'")
                .hasMessageContaining("'clock' = null");
    }
}
