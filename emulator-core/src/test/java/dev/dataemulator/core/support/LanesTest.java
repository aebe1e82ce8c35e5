package dev.dataemulator.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lane arithmetic against lanes dealt by hand: block b of 64 positions goes to lane b mod n. */
class LanesTest {
    /** @return each lane's positions below {@code limit}, in order, dealt block by block */
    private static List<List<Long>> dealt(int lanes, long limit) {
        List<List<Long>> byLane = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            byLane.add(new ArrayList<>());
        }
        for (long position = 0; position < limit; position++) {
            byLane.get((int) ((position / 64) % lanes)).add(position);
        }
        return byLane;
    }

    @Test
    void walkingALaneFromItsFirstPositionMeetsExactlyTheBlocksDealtToIt() {
        for (int lanes : new int[] {1, 2, 3, 7}) {
            for (long limit : new long[] {0, 1, 63, 64, 65, 1000, 64 * 21}) {
                List<List<Long>> expected = dealt(lanes, limit);
                for (int lane = 0; lane < lanes; lane++) {
                    List<Long> walked = new ArrayList<>();
                    for (long p = Lanes.first(lane); p < limit; p = Lanes.next(lanes, p)) {
                        assertThat(Lanes.lane(lanes, p)).isEqualTo(lane);
                        walked.add(p);
                    }
                    assertThat(walked).as("lane %d of %d below %d", lane, lanes, limit)
                            .isEqualTo(expected.get(lane));
                    assertThat(Lanes.count(lanes, lane, limit)).isEqualTo(expected.get(lane).size());
                }
            }
        }
    }

    @Test
    void nextSaturatesInsteadOfOverflowing() {
        assertThat(Lanes.next(4, Long.MAX_VALUE - 1 - (Long.MAX_VALUE % 64))).isEqualTo(Long.MAX_VALUE);
    }
}
