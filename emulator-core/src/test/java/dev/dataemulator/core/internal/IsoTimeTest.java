package dev.dataemulator.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoTimeTest {

    @Test
    void formatsInstantsAndDatesAsJavaTimeDoesAcrossTheHandWrittenRangeAndBeyond() {
        SplittableRandom random = new SplittableRandom(1);
        long[] edges = {0, -1, 86_399, 86_400, 951_782_400L /* 2000-02-29 */, 4_107_542_399L, -62_167_219_200L,
            253_402_300_799L, 253_402_300_800L, -62_167_219_201L};
        for (long s : edges) {
            assertThat(IsoTime.timestamp(s * 1_000_000L)).isEqualTo(Instant.ofEpochSecond(s).toString());
            assertThat(IsoTime.timestamp(s * 1_000_000L + 1))
                    .isEqualTo(Instant.ofEpochSecond(s).plus(1, ChronoUnit.MICROS).toString());
        }
        for (int i = 0; i < 200_000; i++) {
            long s = random.nextLong(-62_167_219_200L, 253_402_300_800L);
            int micros = i % 2 == 0 ? 0 : random.nextInt(1_000_000);
            assertThat(IsoTime.timestamp(s * 1_000_000L + micros))
                    .isEqualTo(Instant.ofEpochSecond(s).plus(micros, ChronoUnit.MICROS).toString());
            long day = Math.floorDiv(s, 86_400L);
            assertThat(IsoTime.date(day)).isEqualTo(LocalDate.ofEpochDay(day).toString());
        }
    }
}
