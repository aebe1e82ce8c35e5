package dev.dataemulator.core.spi;

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
}
