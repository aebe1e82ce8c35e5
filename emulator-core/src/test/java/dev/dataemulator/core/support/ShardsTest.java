package dev.dataemulator.core.support;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(Shards.count(1, 0, 10)).isEqualTo(10);
    }

    @Test
    void noLimitLeavesEveryShardUnbounded() {
        assertThat(Shards.count(3, 2, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(Shards.count(1, 0, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
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
}
