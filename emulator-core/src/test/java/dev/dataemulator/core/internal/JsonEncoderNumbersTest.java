package dev.dataemulator.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Integers and decimals as the encoder writes them against the JDK's own text, at every digit-count boundary. */
class JsonEncoderNumbersTest {
    private final JsonEncoder encoder = new JsonEncoder();

    private String encode(Fields fields) {
        return new String(encoder.encode("e", 0, false, fields), StandardCharsets.UTF_8);
    }

    private static List<Long> values() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, 9L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
        long power = 1;
        for (int digits = 1; digits <= 18; digits++) {
            power *= 10;
            values.addAll(List.of(power - 1, power, power + 1, -(power - 1), -power));
        }
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            long bits = random.nextLong();
            values.add(bits >> random.nextInt(64));
        }
        return values;
    }

    @Test
    void integersReadAsTheJdkWritesThem() {
        for (long value : values()) {
            assertThat(encode(out -> out.integer("n", value))).as("%d", value).isEqualTo("{\"n\":" + value + "}");
        }
    }

    @Test
    void digitsCountsEveryLengthExactly() {
        for (long value : values()) {
            if (value >= 0) {
                assertThat(JsonEncoder.digits(value)).as("%d", value).isEqualTo(Long.toString(value).length());
            }
        }
    }

    @Test
    void decimalsReadAsBigDecimalWritesThem() {
        for (long value : values()) {
            for (int scale : new int[] {0, 2, 6, 18}) {
                String expected = BigDecimal.valueOf(value, scale).toPlainString();
                assertThat(encode(out -> out.decimal("n", value, scale))).as("%d scale %d", value, scale)
                        .isEqualTo("{\"n\":" + expected + "}");
            }
        }
    }

    /** A record written by a lambda. */
    @FunctionalInterface
    private interface Fields extends RecordData {
        @Override
        default String key() {
            return "k";
        }

        @Override
        void writeFields(FieldWriter out);
    }
}
