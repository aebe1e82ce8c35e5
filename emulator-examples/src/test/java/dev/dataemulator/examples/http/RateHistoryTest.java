package dev.dataemulator.examples.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.examples.http.RateHistory.Reading;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateHistoryTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void eachSampleIsTheRecordsSinceThePreviousOnePerSecondAfterAFirstBaseline() {
        RateHistory history = new RateHistory(10);
        history.sample(List.of(new Reading("a", 500, false)), 0);
        assertThat(history.rates()).containsEntry("a", List.of());

        history.sample(List.of(new Reading("a", 1_500, false)), SECOND);
        history.sample(List.of(new Reading("a", 2_500, false)), 3 * SECOND);

        assertThat(history.rates()).containsEntry("a", List.of(1_000L, 500L));
    }

    @Test
    void onlyTheLastSamplesAreKeptOldestFirst() {
        RateHistory history = new RateHistory(3);
        long generated = 0;
        for (int second = 0; second <= 5; second++) {
            generated += 10L * second;
            history.sample(List.of(new Reading("a", generated, false)), second * SECOND);
        }
        assertThat(history.rates().get("a")).containsExactly(30L, 40L, 50L);
    }

    @Test
    void anEndedEmulationKeepsItsHistoryAndAForgottenOneLosesIt() {
        RateHistory history = new RateHistory(10);
        history.sample(List.of(new Reading("ended", 0, false), new Reading("other", 0, false)), 0);
        history.sample(List.of(new Reading("ended", 100, true), new Reading("other", 0, false)), SECOND);
        history.sample(List.of(new Reading("ended", 900, true), new Reading("other", 0, false)), 2 * SECOND);
        assertThat(history.rates()).containsEntry("ended", List.of(100L)).containsKey("other");

        history.sample(List.of(new Reading("ended", 900, true)), 3 * SECOND);
        assertThat(history.rates()).containsOnlyKeys("ended");
    }

    @Test
    void aHistoryKeepsAtLeastOneSample() {
        assertThatThrownBy(() -> new RateHistory(0)).hasMessageContaining("capacity must be at least 1: 0");
    }
}
