package dev.dataemulator.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.RateCurve;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** Schedules are started in the past, so what is due is known without waiting. */
class PacerTest {
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicInteger plannedAsked = new AtomicInteger();
    private final LongUnaryOperator planned = seq -> {
        plannedAsked.incrementAndGet();
        return FROM.toEpochMilli() + seq * 1_000L; // record n at n event seconds after the start
    };

    @Test
    void unpacedNeverWaits() {
        Pacer pacer = Pacer.unpaced();
        assertThat(pacer.paces()).isFalse();
        assertThat(pacer.await(Long.MAX_VALUE, planned, () -> true)).isTrue();
        assertThat(pacer.dueNow()).isEqualTo(Long.MAX_VALUE);
        assertThat(plannedAsked).hasValue(0);
    }

    @Test
    void aSteadyScheduleAdmitsRateTimesElapsedRecordsWithoutACapOnCatchingUp() {
        Pacer pacer = Pacer.steady(2);
        pacer.start(System.nanoTime() - 10 * SECOND - SECOND / 10, 100);
        // 10.1 s at 2 records a second: 20 due (21 once 10.5 s have passed)
        assertThat(pacer.dueNow()).isBetween(20L, 21L);
        assertThat(pacer.await(100 + 19, planned, () -> true)).isTrue();
        assertThat(pacer.await(100 + 1_000, planned, () -> true)).as("due in 8 minutes; cancelled").isFalse();
        assertThat(plannedAsked).hasValue(0);
    }

    @Test
    void anAcceleratedClockWaitsUntilWallTimeTimesSpeedCoversTheEventTime() {
        Pacer pacer = Pacer.eventTime(EventTime.accelerated(FROM, 60), FROM.toEpochMilli());
        assertThat(pacer.paces()).isTrue();
        pacer.start(System.nanoTime() - 2 * SECOND);
        // 2 wall seconds at x60: 120 event seconds have passed
        assertThat(pacer.await(119, planned, () -> true)).isTrue();
        assertThat(pacer.await(3_600, planned, () -> true)).as("an event hour is due after a wall minute")
                .isFalse();
        assertThat(plannedAsked).hasValue(2);
        assertThat(pacer.dueNow()).isBetween(120_000L, 130_000L);
    }

    @Test
    void aBackfillOrALiveClockIsNotPacedByEventTime() {
        assertThat(Pacer.eventTime(EventTime.live(), 0).paces()).isFalse();
        assertThat(Pacer.eventTime(EventTime.backfill(FROM, FROM.plusSeconds(3_600)), FROM.toEpochMilli()).paces())
                .isFalse();
    }

    @Test
    void aLiveRateTakesPermitsFromOneLimiterAndNeverAsksForEventTime() {
        Pacer pacer = Pacer.live(1_000, RateCurve.flat(), Clock.systemUTC());
        pacer.start(System.nanoTime());
        assertThat(pacer.await(0, planned, () -> false)).isTrue();
        assertThat(pacer.dueNow()).isEqualTo(Long.MAX_VALUE);
        assertThat(plannedAsked).hasValue(0);
    }

    @Test
    void aLiveCurveAtWeightZeroAdmitsNothing() {
        double[] weights = new double[24];
        Clock midnight = Clock.fixed(FROM, ZoneOffset.UTC); // hour 0: weight 0
        weights[12] = 1;
        Pacer pacer = Pacer.live(1_000, RateCurve.hourly(weights), midnight);
        pacer.start(System.nanoTime());
        AtomicInteger looks = new AtomicInteger();
        assertThat(pacer.await(0, planned, () -> looks.incrementAndGet() > 1)).isFalse();
    }

    @Test
    void aRateMustBePositiveAndFinite() {
        assertThatThrownBy(() -> Pacer.steady(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate 0.0");
        assertThatThrownBy(() -> Pacer.live(Double.NaN, RateCurve.flat(), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
