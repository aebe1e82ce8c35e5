package dev.dataemulator.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataemulator.core.internal.JsonEncoder;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonEncodingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode encode(RecordData data) throws Exception {
        return JSON.readTree(new JsonEncoder().encode("id-1", 42, false, data));
    }

    private static RecordData of(java.util.function.Consumer<FieldWriter> fields) {
        return new RecordData() {
            @Override
            public String key() {
                return "k";
            }

            @Override
            public void writeFields(FieldWriter out) {
                fields.accept(out);
            }
        };
    }

    @Test
    void escapesEverythingJsonRequiresAndEncodesUtf8() throws Exception {
        String tricky = "quote \" backslash \\ newline \n tab \t bell \u0007 é ü 日本 😀 end";
        JsonNode node = encode(of(out -> out.string("s", tricky)));
        assertThat(node.get("s").asText()).isEqualTo(tricky);
        // a lone surrogate has no UTF-8 form: it becomes '?', as the JDK's UTF-8 encoder does
        assertThat(encode(of(out -> out.string("lone", "a\ud800b"))).get("lone").asText()).isEqualTo("a?b");
        assertThat(encode(of(out -> out.string("lone", "a\ud800\n"))).get("lone").asText()).isEqualTo("a?\n");
        assertThat(encode(of(out -> out.string("lone", "\udc00x"))).get("lone").asText()).isEqualTo("?x");
        assertThat(encode(of(out -> out.string("lone", "\ud800\ud800\udc00"))).get("lone").asText())
                .isEqualTo("?\ud800\udc00");
        assertThat(encode(of(out -> out.string("lone", "\"\ud800"))).get("lone").asText()).isEqualTo("\"?");
        // strings that need no escape but are not ASCII (the fast path hands them on at the first such character)
        for (String plain : new String[] {"café", "Zürich", "日本", "\u00ff", "del \u007f", "😀", "", "ascii only"}) {
            assertThat(encode(of(out -> out.string("p", plain))).get("p").asText()).isEqualTo(plain);
        }
    }

    @Test
    void findsACharacterToEscapeAtEveryOffsetOfALongString() throws Exception {
        // strings are scanned eight bytes at a time: each special character is tried in every lane and in the tail
        String[] specials = {"\"", "\\", "\n", "\u0000", "\u001f", "\t"};
        for (String special : specials) {
            for (int length = 1; length <= 40; length++) {
                for (int at = 0; at < length; at++) {
                    String text = "a".repeat(at) + special + "b".repeat(length - at - 1);
                    assertThat(encode(of(out -> out.string("s", text))).get("s").asText()).isEqualTo(text);
                }
            }
        }
        // bytes from 0x80 up (UTF-8 sequences) and DEL are written as they are, in every lane
        for (int at = 0; at < 17; at++) {
            String text = "x".repeat(at) + "\u00e9\u007f\u65e5" + "y".repeat(16 - at);
            byte[] json = new JsonEncoder().encode("e", 0, false, of(out -> out.string("s", text)));
            assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"s\":\"" + text + "\"}");
        }
    }

    @Test
    void randomStringsRoundTrip() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "abcXYZ09 -_\"\\/\n\r\t\b\f\u0001\u001f\u007f\u0080\u00e9\u00ff\u0100\u20ac\u65e5";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(0, 48);
            for (int c = 0; c < length; c++) {
                if (random.nextInt(20) == 0) {
                    text.append("\ud83d\ude00"); // a surrogate pair
                } else {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String value = text.toString();
            assertThat(encode(of(out -> out.string("s", value))).get("s").asText()).isEqualTo(value);
        }
    }

    @Test
    void numbersRoundTripExactly() throws Exception {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) {
            double money = Math.round(random.nextDouble(-20_000, 20_000) * 100) / 100.0;
            double any = random.nextDouble() * Math.pow(10, random.nextInt(-12, 16));
            long integer = random.nextLong();
            JsonNode node = encode(of(out -> {
                out.floating("money", money);
                out.floating("any", any);
                out.integer("integer", integer);
            }));
            assertThat(node.get("money").asDouble()).isEqualTo(money);
            assertThat(node.get("any").asDouble()).isEqualTo(any);
            assertThat(node.get("integer").asLong()).isEqualTo(integer);
        }
        JsonNode edges = encode(of(out -> {
            out.integer("min", Long.MIN_VALUE);
            out.integer("zero", 0);
            out.floating("cent", 0.01);
            out.floating("negative", -5.5);
            out.floating("nan", Double.NaN);
        }));
        assertThat(edges.get("min").asLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(edges.get("zero").asLong()).isZero();
        assertThat(edges.get("cent").asDouble()).isEqualTo(0.01);
        assertThat(edges.get("negative").asDouble()).isEqualTo(-5.5);
        assertThat(edges.get("nan").isNull()).isTrue();
    }

    @Test
    void envelopeAndNestedObjectsAreWellFormed() throws Exception {
        byte[] bytes = new JsonEncoder().encode("emu", 1700000000L, true, of(out -> {
            out.string("a", "x");
            out.beginObject("inner");
            out.bool("t", true);
            out.nullValue("n");
            out.beginObject("deeper");
            out.endObject();
            out.endObject();
            out.integer("after", 3);
        }));
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "{\"emulation_id\":\"emu\",\"timestamp\":1700000000,\"data\":{\"a\":\"x\",\"inner\":{\"t\":true,"
                        + "\"n\":null,\"deeper\":{}},\"after\":3}}");
    }

    @Test
    void decimalsAreExactNumbersWithAllTheDigitsOfTheirScale() throws Exception {
        String json = new String(new JsonEncoder().encode("e", 0, false, of(out -> {
            out.decimal("price", 1250, 2);
            out.decimal("cent", -5, 2);
            out.decimal("whole", 42, 0);
            out.decimal("micro", 1, 6);
            out.decimal("max", 999_999_999_999_999_999L, 18);
            out.decimal("min", Long.MIN_VALUE, 3);
        })), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"price\":12.50,\"cent\":-0.05,\"whole\":42,\"micro\":0.000001,"
                + "\"max\":0.999999999999999999,\"min\":-9223372036854775.808}");
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long unscaled = random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
            int scale = random.nextInt(0, 10);
            JsonNode node = JSON.reader().with(com.fasterxml.jackson.databind.DeserializationFeature
                    .USE_BIG_DECIMAL_FOR_FLOATS).readTree(new JsonEncoder().encode("e", 0, false,
                    of(out -> out.decimal("d", unscaled, scale))));
            assertThat(node.get("d").decimalValue()).isEqualByComparingTo(java.math.BigDecimal.valueOf(unscaled, scale));
        }
    }

    @Test
    void timestampsAreIsoUtcInstantsAsJavaTimeWritesThemAtMicrosecondPrecision() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        long[] edges = {0, -1, 1, 1_000, 250_000, -86_400_000_000L, 1_796_000_000_000_000L,
                java.time.LocalDate.of(0, 1, 1).toEpochDay() * 86_400_000_000L,
                java.time.LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400_000_000L,
                java.time.LocalDate.of(-1, 12, 31).toEpochDay() * 86_400_000_000L};
        for (int i = 0; i < 20_000 + edges.length; i++) {
            long micros = i < edges.length ? edges[i] : i % 3 == 0 ? random.nextLong(0, 4_000_000_000L) * 1_000_000
                    : i % 3 == 1 ? random.nextLong(-62_000_000_000L, 250_000_000_000L) * 1_000
                    : random.nextLong(-62_000_000_000_000_000L, 250_000_000_000_000_000L);
            java.time.Instant instant = java.time.Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
            JsonNode node = encode(of(out -> {
                out.timestamp("t", micros);
                out.date("d", (int) Math.floorDiv(micros, 86_400_000_000L));
            }));
            assertThat(node.get("t").asText()).isEqualTo(instant.toString());
            assertThat(node.get("d").asText())
                    .isEqualTo(instant.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString());
        }
        assertThat(encode(of(out -> out.timestamp("t", 1_796_000_000_250_001L))).get("t").asText())
                .isEqualTo("2026-11-30T00:53:20.250001Z");
    }

    @Test
    void listsAreArraysOfElementsWrittenWithoutNames() throws Exception {
        byte[] bytes = new JsonEncoder().encode("emu", 1, false, of(out -> {
            out.beginList("empty");
            out.endList();
            out.beginList("tags");
            out.string(null, "a");
            out.string(null, "b");
            out.endList();
            out.beginList("items");
            out.beginObject(null);
            out.decimal("price", 199, 2);
            out.beginList("sizes");
            out.integer(null, 1);
            out.endList();
            out.endObject();
            out.beginObject(null);
            out.decimal("price", 5, 2);
            out.beginList("sizes");
            out.endList();
            out.endObject();
            out.endList();
            out.date("day", 0);
        }));
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "{\"empty\":[],\"tags\":[\"a\",\"b\"],\"items\":[{\"price\":1.99,\"sizes\":[1]},"
                        + "{\"price\":0.05,\"sizes\":[]}],\"day\":\"1970-01-01\"}");
    }

    @Test
    void mismatchedEndCallsAreRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> encode(of(out -> {
            out.beginList("l");
            out.endObject();
        }))).isInstanceOf(IllegalStateException.class).hasMessageContaining("endObject without its begin call");
    }
}
