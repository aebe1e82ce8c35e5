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
}
