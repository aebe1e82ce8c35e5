package dev.dataemulator.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Each thread reads its own record's time, also when two threads share a slot of the clock's thread cache. */
class RecordClockTest {
    private static final long BASE = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private final RecordClock clock = new RecordClock(Clock.fixed(Instant.ofEpochMilli(BASE), ZoneOffset.UTC));

    @Test
    void outsideARecordItReadsTheBaseClock() {
        assertThat(clock.millis()).isEqualTo(BASE);
        clock.slot()[0] = 42;
        assertThat(clock.millis()).isEqualTo(42);
        clock.slot()[0] = RecordClock.none();
        assertThat(clock.millis()).isEqualTo(BASE);
    }

    @Test
    @SuppressWarnings("deprecation")
    void twoThreadsWhoseIdsCollideInTheCacheEachReadTheirOwnTime() throws Exception {
        CountDownLatch firstSet = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        AtomicLong firstRead = new AtomicLong();
        AtomicLong secondRead = new AtomicLong();
        Thread first = new Thread(() -> {
            clock.slot()[0] = 1_000;
            firstSet.countDown();
            await(secondDone);
            firstRead.set(clock.millis());
        });
        // thread ids are handed out in order: one of the next 64 lands on the first one's cache slot
        List<Thread> made = new ArrayList<>();
        Thread second = null;
        while (second == null) {
            Thread candidate = new Thread(() -> {
                await(firstSet);
                clock.slot()[0] = 2_000;
                secondRead.set(clock.millis());
                secondDone.countDown();
            });
            made.add(candidate);
            if ((candidate.getId() & 63) == (first.getId() & 63)) {
                second = candidate;
            }
        }
        first.start();
        second.start();
        first.join(10_000);
        second.join(10_000);

        assertThat(made.size()).isLessThanOrEqualTo(64);
        assertThat(secondRead).hasValue(2_000);
        assertThat(firstRead).hasValue(1_000);
        assertThat(clock.millis()).as("this thread's slot is untouched").isEqualTo(BASE);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
