package dev.dataemulator.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long MS = 1_000_000L;

    @Test
    void grantsWhatFellDueAndKeepsAtMostOneSecondsWorth() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(100, now::get);

        assertThat(limiter.tryAcquire(1_000)).as("the first permit is due at once").isEqualTo(1);
        assertThat(limiter.tryAcquire(1_000)).isZero();
        assertThat(limiter.nanosUntilNextPermit()).isEqualTo(10 * MS);
        now.addAndGet(50 * MS);
        assertThat(limiter.tryAcquire(1_000)).isEqualTo(5);
        now.addAndGet(10_000 * MS);
        assertThat(limiter.tryAcquire(1_000)).as("at most one second's burst").isEqualTo(100);
        assertThat(limiter.tryAcquire(1_000)).isZero();
    }

    @Test
    void tryAcquireTakesNoMoreThanAskedAndReleasedPermitsFallDueAgain() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(100, now::get);
        now.addAndGet(500 * MS);

        assertThat(limiter.tryAcquire(10)).isEqualTo(10);
        limiter.release(3);
        assertThat(limiter.tryAcquire(1_000)).isEqualTo(51 - 10 + 3);
    }

    @Test
    void blockingAndNonBlockingCallersShareOneTimeline() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(1_000, now::get);
        now.addAndGet(10 * MS);

        for (int i = 0; i < 6; i++) {
            assertThat(limiter.acquire(() -> false)).isTrue();
        }
        assertThat(limiter.tryAcquire(100)).isEqualTo(11 - 6);
    }

    @Test
    void aCancelledWaitReturnsFalse() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(0.001, now::get); // one permit per 1000 s
        assertThat(limiter.acquire(() -> false)).isTrue();

        assertThat(limiter.acquire(() -> true)).isFalse();
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSet() {
        RateLimiter limiter = new RateLimiter(0.001);
        limiter.acquire(() -> false);
        Thread.currentThread().interrupt();
        try {
            assertThat(limiter.acquire(() -> false)).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aRateMustBePositiveAndFinite() {
        assertThatThrownBy(() -> new RateLimiter(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate 0.0 must be positive and finite");
        assertThatThrownBy(() -> new RateLimiter(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVaryingRateFollowsTheCurveAtTheClocksHour() {
        AtomicLong now = new AtomicLong();
        double[] hours = new double[24];
        hours[10] = 1;
        hours[11] = 3;
        dev.dataemulator.core.RateCurve curve = dev.dataemulator.core.RateCurve.hourly(hours);
        AtomicLong clockMillis = new AtomicLong(9 * 3_600_000L);
        RateLimiter limiter = new RateLimiter(() -> 100 * curve.weightAt(clockMillis.get()), now::get);

        // 9h: weight 0, nothing falls due however long one waits, and nothing piles up meanwhile
        for (int i = 0; i < 20; i++) {
            now.addAndGet(100 * MS);
            assertThat(limiter.tryAcquire(100_000)).isZero();
        }
        assertThat(limiter.acquire(() -> true)).isFalse();
        // 10h and 11h: 100 * 24 / 4 = 600/s and three times that, counted over a second in 1 ms steps
        clockMillis.set(10 * 3_600_000L);
        assertThat(permitsInOneSecond(limiter, now)).isBetween(599, 601);
        clockMillis.set(11 * 3_600_000L);
        assertThat(permitsInOneSecond(limiter, now)).isBetween(1799, 1801);
        assertThat(limiter.rate()).isEqualTo(1800.0);
    }

    private static int permitsInOneSecond(RateLimiter limiter, AtomicLong now) {
        int granted = 0;
        for (int ms = 0; ms < 1000; ms++) {
            now.addAndGet(MS);
            granted += limiter.tryAcquire(100_000);
        }
        return granted;
    }
}
