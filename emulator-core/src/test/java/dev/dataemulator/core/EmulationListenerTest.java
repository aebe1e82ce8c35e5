package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dataemulator.core.testing.CounterDomain;
import dev.dataemulator.core.testing.ScriptedSink;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class EmulationListenerTest {
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new CounterDomain());

    private static EmulationSpec.Builder spec() {
        return EmulationSpec.builder().registry(DOMAINS).domain("counter").sink(new ScriptedSink())
                .progressInterval(Duration.ofMillis(20));
    }

    /** Records every call with the thread it came on. */
    static final class Recording implements EmulationListener {
        final ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
        /** The threads that made the calls, to tell this emulation's from another's of the same name. */
        final Set<Thread> callers = ConcurrentHashMap.newKeySet();
        volatile EmulationReport endReport;
        volatile EmulationStats lastProgress;

        @Override
        public void started(Emulation emulation) {
            record("started " + emulation.id());
        }

        @Override
        public void progress(Emulation emulation, EmulationStats stats) {
            lastProgress = stats;
            record("progress " + emulation.id());
        }

        @Override
        public void ended(Emulation emulation, EmulationReport report) {
            endReport = report;
            record("ended " + emulation.id());
        }

        private void record(String call) {
            calls.add(call);
            threads.add(Thread.currentThread().getName());
            callers.add(Thread.currentThread());
        }

        List<String> kinds() {
            return calls.stream().map(c -> c.substring(0, c.indexOf(' '))).distinct().toList();
        }
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().equals(name));
    }

    @Test
    void listenersHearStartedThenProgressThenTheFinalReportBeforeAwaitCompletionReturns() {
        Recording listener = new Recording();
        Emulation emulation = EmulationRunner.start(spec().listener(listener).threads(2).build());
        await().until(() -> listener.calls.stream().filter(c -> c.startsWith("progress")).count() >= 3);
        assertThat(listener.lastProgress.generated()).isPositive();

        emulation.stop();
        EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(30));

        assertThat(listener.endReport).as("ended was called before awaitCompletion returned").isSameAs(report);
        assertThat(listener.kinds()).containsExactly("started", "progress", "ended");
        assertThat(listener.calls).first().isEqualTo("started " + emulation.id());
        assertThat(listener.calls).last().isEqualTo("ended " + emulation.id());
        assertThat(listener.calls.stream().filter(c -> c.startsWith("ended"))).hasSize(1);
        assertThat(report.stats().generated()).isEqualTo(report.stats().delivered() + report.stats().failed());
    }

    @Test
    void startedComesOnTheStartingThreadTheRestFromOneThreadOfTheEmulationNeverFromAWorker() {
        Recording listener = new Recording();
        Emulation emulation = EmulationRunner.start(spec().listener(listener).threads(4).maxRecords(50_000).build());
        assertThat(listener.calls).as("started before start() returned").first()
                .isEqualTo("started " + emulation.id());
        emulation.awaitCompletion(Duration.ofSeconds(60));

        assertThat(listener.threads).first().isEqualTo(Thread.currentThread().getName());
        assertThat(listener.threads.stream().skip(1)).isNotEmpty().containsOnly("emulator-counter-listeners");
        // this emulation's listener thread ends (another emulation's thread of the same name may still run)
        await().until(() -> listener.callers.stream()
                .filter(t -> t.getName().equals("emulator-counter-listeners")).noneMatch(Thread::isAlive));
    }

    @Test
    void aListenerThatThrowsNeverBreaksTheEmulationNorTheOtherListeners() {
        EmulationListener throwing = new EmulationListener() {
            @Override
            public void started(Emulation emulation) {
                throw new IllegalStateException("boom in started");
            }

            @Override
            public void progress(Emulation emulation, EmulationStats stats) {
                throw new AssertionError("boom in progress");
            }

            @Override
            public void ended(Emulation emulation, EmulationReport report) {
                throw new IllegalStateException("boom in ended");
            }
        };
        Recording after = new Recording();
        ScriptedSink sink = new ScriptedSink();
        Emulation emulation = EmulationRunner.start(spec().sink(sink).listener(throwing).listener(after)
                .threads(2).maxRecords(200_000).build());
        await().until(() -> after.calls.stream().filter(c -> c.startsWith("progress")).count() >= 2
                || emulation.status().isTerminal());
        EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(60));

        assertThat(report.status()).isEqualTo(EmulationStatus.COMPLETED);
        assertThat(report.stats().generated()).isEqualTo(200_000);
        assertThat(report.stats().delivered()).isEqualTo(200_000);
        assertThat(sink.accepted()).hasSize(200_000);
        assertThat(after.kinds()).startsWith("started").endsWith("ended");
        assertThat(after.endReport).isSameAs(report);
    }

    @Test
    void anEmulationThatFailsAtSetupStillReportsStartedThenEnded() {
        Recording listener = new Recording();
        Emulation emulation = EmulationRunner.start(spec()
                .sink(new ScriptedSink().failSetup(new SinkException("broker 'x:1' unreachable")))
                .listener(listener).build());
        EmulationReport report = emulation.awaitCompletion(Duration.ofSeconds(30));

        assertThat(report.status()).isEqualTo(EmulationStatus.FAILED);
        assertThat(listener.kinds()).startsWith("started").endsWith("ended");
        assertThat(listener.endReport.status()).isEqualTo(EmulationStatus.FAILED);
    }

    @Test
    void aServiceListenerHearsEveryEmulationTheServiceStarts() {
        Recording listener = new Recording();
        Recording own = new Recording();
        try (EmulatorService service = EmulatorService.builder().listener(listener).build()) {
            Emulation a = service.start(spec().maxRecords(10).build());
            Emulation b = service.start(spec().maxRecords(10).listener(own).build());
            a.awaitCompletion(Duration.ofSeconds(30));
            b.awaitCompletion(Duration.ofSeconds(30));

            assertThat(listener.calls).contains("started " + a.id(), "ended " + a.id(), "started " + b.id(),
                    "ended " + b.id());
            assertThat(own.calls).contains("started " + b.id(), "ended " + b.id()).noneMatch(c -> c.contains(a.id()));
            assertThat(b.spec().listeners()).containsExactly(own, listener);
        }
    }

    @Test
    void anEmulationWithoutListenersStartsNoListenerThread() {
        Emulation emulation = EmulationRunner.start(EmulationSpec.builder()
                .registry(DomainRegistry.of(new CounterDomain("quiet", "quiets"))).domain("quiet")
                .sink(new ScriptedSink()).maxRecords(1_000).build());
        assertThat(threadAlive("emulator-quiet-listeners")).isFalse();
        emulation.awaitCompletion(Duration.ofSeconds(30));
        assertThat(emulation.spec().listeners()).isEmpty();
    }
}
