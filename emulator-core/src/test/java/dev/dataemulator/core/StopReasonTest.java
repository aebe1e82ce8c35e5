package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.core.testing.ControlledClock;
import dev.dataemulator.core.testing.CounterDomain;
import dev.dataemulator.core.testing.ScriptedSink;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StopReasonTest {
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new CounterDomain());

    private static EmulationSpec.Builder spec() {
        return EmulationSpec.builder().registry(DOMAINS).domain("counter");
    }

    @Test
    void aRunningEmulationHasNoStopReasonYet() {
        try (Emulation emulation = EmulationRunner.start(spec().sink(new ScriptedSink()).threads(1).build())) {
            await().until(() -> emulation.stats().generated() > 10);
            assertThat(emulation.report().stopped()).isEmpty();
            assertThat(emulation.report().stopReason()).isNull();
        }
    }

    @Test
    void theDurationElapsing() {
        ControlledClock clock = new ControlledClock(1_000_000);
        Emulation emulation = EmulationRunner.start(spec().sink(new ScriptedSink()).threads(2).clock(clock)
                .duration(Duration.ofMinutes(1)).build());
        await().until(() -> emulation.stats().generated() > 100);
        clock.advance(Duration.ofMinutes(1).toMillis());

        EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(30));
        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stopped()).contains(StopReason.DURATION);
        assertThat(report.toString()).contains("stopReason=DURATION");
    }

    @Test
    void theRecordCountBeingReached() {
        EmulationReport report = EmulationRunner.run(spec().sink(new ScriptedSink()).threads(3).maxRecords(500)
                .build());
        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stopped()).contains(StopReason.MAX_RECORDS);
    }

    @Test
    void theDomainRunningOutOfRecordsIsNotAPlainCompletion() {
        EmulationReport report = EmulationRunner.run(spec().sink(new ScriptedSink()).threads(3)
                .domainOption("capacity", "300").build());
        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().generated()).isEqualTo(300);
        assertThat(report.stopped()).contains(StopReason.EXHAUSTED);
    }

    @Test
    void aDomainRunningOutBeforeMaxRecordsIsExhausted() {
        EmulationReport report = EmulationRunner.run(spec().sink(new ScriptedSink()).threads(2).maxRecords(1_000)
                .domainOption("capacity", "300").build());
        assertThat(report.stopped()).contains(StopReason.EXHAUSTED);
    }

    @Test
    void aStopRequest() {
        Emulation emulation = EmulationRunner.start(spec().sink(new ScriptedSink()).threads(2).build());
        await().until(() -> emulation.stats().generated() > 100);
        emulation.stop();

        EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(30));
        assertThat(report.status()).isEqualTo(EmulationStatus.STOPPED);
        assertThat(report.stopped()).contains(StopReason.STOPPED);
    }

    @Test
    void aFailure() {
        EmulationReport report = EmulationRunner.run(spec()
                .sink(new ScriptedSink().failSetup(new SinkException("no broker"))).threads(2).build());
        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(report.stopped()).contains(StopReason.FAILED);
    }
}
