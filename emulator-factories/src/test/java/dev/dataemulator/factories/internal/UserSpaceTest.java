package dev.dataemulator.factories.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserSpaceTest {

    @ParameterizedTest
    @CsvSource({"0,0", "5,6", "1,3", "1000,9999", "0,65535", "0,65536", "7,12351"})
    void mapsSequenceNumbersOneToOneOntoTheSpace(long min, long max) {
        UserSpace space = new UserSpace(99, min, max);
        Set<Long> seen = new HashSet<>();
        for (long seq = 0; seq < space.size(); seq++) {
            long id = space.idAt(seq);
            assertThat(id).isBetween(min, max);
            assertThat(space.seqOf(id)).as("the inverse of idAt").isEqualTo(seq);
            seen.add(id);
        }
        assertThat(seen).hasSize((int) space.size());
    }

    @Test
    void differentSeedsPermuteDifferently() {
        UserSpace a = new UserSpace(1, 1000, 9999);
        UserSpace b = new UserSpace(2, 1000, 9999);
        int same = 0;
        for (long seq = 0; seq < 9000; seq++) {
            same += a.idAt(seq) == b.idAt(seq) ? 1 : 0;
        }
        assertThat(same).isLessThan(20);
    }

    @Test
    void handlesAHugeSpace() {
        UserSpace space = new UserSpace(3, 0, (1L << 62) - 1);
        assertThat(space.idAt(0)).isBetween(0L, (1L << 62) - 1);
        assertThat(space.idAt(space.size() - 1)).isNotEqualTo(space.idAt(0));
        assertThat(space.seqOf(space.idAt(123_456_789L))).isEqualTo(123_456_789L);
        SplittableRandom random = new SplittableRandom(4);
        assertThat(space.randomId(random)).isNotNegative();
    }

    @Test
    void marksAboutTwoPercentOfUsersCompromised() {
        UserSpace space = new UserSpace(5, 0, 999_999);
        long compromised = 0;
        for (long id = 0; id < 1_000_000; id++) {
            compromised += space.compromised(id) ? 1 : 0;
        }
        assertThat(compromised / 1e6).isCloseTo(UserSpace.COMPROMISED_SHARE, within(0.001));
    }

    @Test
    void countsAndDrawsMultiples() {
        UserSpace space = new UserSpace(6, 1000, 9999);
        assertThat(space.multiplesOf(1000)).isEqualTo(9);
        assertThat(space.multiplesOf(500)).isEqualTo(18);
        assertThat(new UserSpace(6, 1, 999).multiplesOf(1000)).isZero();
        assertThat(new UserSpace(6, 0, 0).multiplesOf(1000)).isEqualTo(1);
        SplittableRandom random = new SplittableRandom(7);
        Set<Long> drawn = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            drawn.add(space.randomMultipleOf(1000, random));
        }
        assertThat(drawn).containsExactlyInAnyOrder(1000L, 2000L, 3000L, 4000L, 5000L, 6000L, 7000L, 8000L, 9000L);
    }
}
