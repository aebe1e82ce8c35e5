package dev.dataemulator.examples.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.Emulation;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStats;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.WorkerStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateHistoryTest {
    private static final long SECOND = 1_000_000_000L;

    /** An emulation whose count and status the test sets; only what the history reads is implemented. */
    private static final class FakeEmulation implements Emulation {
        private final String id;
        long generated;
        EmulationStatus status = EmulationStatus.RUNNING;

        FakeEmulation(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public EmulationStatus status() {
            return status;
        }

        @Override
        public EmulationStats stats() {
            return new EmulationStats(generated, generated, 0, 0, Duration.ZERO);
        }

        @Override
        public EmulationSpec spec() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<WorkerStatus> workers() {
            throw new UnsupportedOperationException();
        }

        @Override
        public EmulationReport report() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stop() {
            throw new UnsupportedOperationException();
        }

        @Override
        public EmulationReport awaitCompletion(Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void eachSampleIsTheRecordsSinceThePreviousOnePerSecondAfterAFirstBaseline() {
        RateHistory history = new RateHistory(10);
        FakeEmulation emulation = new FakeEmulation("a");
        emulation.generated = 500;
        history.sample(List.of(emulation), 0);
        assertThat(history.rates()).containsEntry("a", List.of());

        emulation.generated = 1_500;
        history.sample(List.of(emulation), SECOND);
        emulation.generated = 2_500;
        history.sample(List.of(emulation), 3 * SECOND);

        assertThat(history.rates()).containsEntry("a", List.of(1_000L, 500L));
    }

    @Test
    void onlyTheLastSamplesAreKeptOldestFirst() {
        RateHistory history = new RateHistory(3);
        FakeEmulation emulation = new FakeEmulation("a");
        for (int second = 0; second <= 5; second++) {
            emulation.generated += 10L * second;
            history.sample(List.of(emulation), second * SECOND);
        }
        assertThat(history.rates().get("a")).containsExactly(30L, 40L, 50L);
    }

    @Test
    void anEndedEmulationKeepsItsHistoryAndAForgottenOneLosesIt() {
        RateHistory history = new RateHistory(10);
        FakeEmulation ended = new FakeEmulation("ended");
        FakeEmulation other = new FakeEmulation("other");
        history.sample(List.of(ended, other), 0);
        ended.generated = 100;
        ended.status = EmulationStatus.COMPLETED;
        history.sample(List.of(ended, other), SECOND);
        ended.generated = 900;
        history.sample(List.of(ended, other), 2 * SECOND);
        assertThat(history.rates()).containsEntry("ended", List.of(100L)).containsKey("other");

        history.sample(List.of(ended), 3 * SECOND);
        assertThat(history.rates()).containsOnlyKeys("ended");
    }

    @Test
    void aHistoryKeepsAtLeastOneSample() {
        assertThatThrownBy(() -> new RateHistory(0)).hasMessageContaining("capacity must be at least 1: 0");
    }
}
