package dev.dataemulator.connect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnitTest {

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
}
