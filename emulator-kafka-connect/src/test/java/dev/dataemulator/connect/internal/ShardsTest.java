package dev.dataemulator.connect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ShardsTest {

    @Test
    void shardsPartitionTheSequenceAndShareALimitAsFloorOrCeiling() {
        long total = 0;
        for (int shard = 0; shard < 8; shard++) {
            long count = Shards.count(8, shard, 2_003);
            assertThat(count).isBetween(250L, 251L);
            total += count;
            assertThat(Shards.seq(8, shard, count - 1)).isLessThan(2_003);
            assertThat(Shards.seq(8, shard, count)).isGreaterThanOrEqualTo(2_003);
        }
        assertThat(total).isEqualTo(2_003);
        assertThat(Shards.count(8, 5, 3)).isZero();
    }

    @Test
    void storedNextSeqResumesAtTheNextOwnedPosition() {
        assertThat(Shards.position(4, 1, 0)).isZero();
        assertThat(Shards.position(4, 1, 1)).isZero();
        assertThat(Shards.position(4, 1, 5)).isEqualTo(1);
        assertThat(Shards.position(4, 1, 6)).isEqualTo(2);
        assertThat(Shards.seq(4, 1, Shards.position(4, 1, 6))).isEqualTo(9);
        assertThat(Shards.seq(4, 3, Long.MAX_VALUE / 2)).isEqualTo(-1);
    }

    @Test
    void unitsAreDealtRoundRobinAndSurviveEncoding() {
        List<Unit> units = Unit.all(List.of("transaction", "user-profile"), 3);
        List<List<Unit>> groups = Unit.assign(units, 4);

        assertThat(groups).hasSize(4);
        assertThat(groups.get(0)).containsExactly(new Unit("transaction", 0), new Unit("user-profile", 1));
        assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(6);
        for (List<Unit> group : groups) {
            assertThat(Unit.decode(Unit.encode(group))).isEqualTo(group);
        }
    }

    @Test
    void throttleGrantsTheRateAndWaitsOnTheStopLatch() throws InterruptedException {
        AtomicLong now = new AtomicLong();
        CountDownLatch stopped = new CountDownLatch(1);
        Throttle throttle = new Throttle(100, now::get, stopped);

        now.addAndGet(50_000_000L);
        assertThat(throttle.acquire(1_000)).isEqualTo(5);
        now.addAndGet(10_000_000_000L);
        assertThat(throttle.acquire(1_000)).as("at most one second's burst").isEqualTo(100);
        throttle.release(3);
        assertThat(throttle.acquire(1_000)).isEqualTo(3);

        stopped.countDown();
        long start = System.nanoTime();
        assertThat(throttle.acquire(10)).isZero();
        assertThat(System.nanoTime() - start).isLessThan(100_000_000L);
    }
}
