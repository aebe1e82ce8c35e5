package dev.dataemulator.core.support;

import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.FieldType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.SchemaViolationException;
import dev.dataemulator.core.testing.CounterDomain;
import dev.dataemulator.core.testing.EveryTypeDomain;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new CounterDomain(), new EveryTypeDomain());
    private static final RecordSchema SCHEMA = RecordSchema.builder("shop")
            .required("id", FieldType.UUID)
            .required("count", FieldType.INT)
            .required("price", FieldType.decimal(6, 2))
            .optional("note", FieldType.STRING)
            .required("at", FieldType.TIMESTAMP)
            .required("address", FieldType.struct(RecordSchema.builder("address")
                    .required("city", FieldType.STRING).build()))
            .required("tags", FieldType.list(FieldType.STRING))
            .build();

    @ParameterizedTest
    @ValueSource(strings = {"counter", EveryTypeDomain.NAME})
    void aHundredThousandRecordsOfEachTestDomainMatchTheirSchema(String domain) {
        SchemaValidator validator = SchemaValidator.of(domain, DOMAINS.schema(domain));
        Fixtures.Stream stream = Fixtures.of(domain).registry(DOMAINS).seed(9).stream();
        for (long seq = 0; seq < 100_000; seq++) {
            validator.validate(stream.record(seq).data());
        }
    }

    private static void write(Consumer<FieldWriter> fields) {
        SchemaValidator validator = SchemaValidator.of("shop", SCHEMA);
        validator.begin();
        fields.accept(validator);
        validator.end();
    }

    private static void valid(FieldWriter out, int upTo) {
        String[] order = {"id", "count", "price", "note", "at", "address", "tags"};
        for (int i = 0; i < upTo; i++) {
            switch (order[i]) {
                case "id" -> out.string("id", "123e4567-e89b-42d3-a456-426614174000");
                case "count" -> out.integer("count", 3);
                case "price" -> out.decimal("price", 1999, 2);
                case "note" -> out.nullValue("note");
                case "at" -> out.timestamp("at", 0);
                case "address" -> {
                    out.beginObject("address");
                    out.string("city", "Oslo");
                    out.endObject();
                }
                default -> {
                    out.beginList("tags");
                    out.string(null, "a");
                    out.endList();
                }
            }
        }
    }

    @Test
    void aRecordThatMatchesPassesAndIsForwarded() {
        write(out -> valid(out, 7));
        StringBuilder seen = new StringBuilder();
        SchemaValidator forwarding = SchemaValidator.forwarding("shop", SCHEMA, new FieldWriterAdapter() {
            @Override
            public void decimal(String name, long unscaled, int scale) {
                seen.append(name).append('=').append(unscaled).append('/').append(scale);
            }
        });
        forwarding.begin();
        valid(forwarding, 7);
        forwarding.end();
        assertThat(seen).hasToString("price=1999/2");
    }

    @Test
    void eachKindOfViolationNamesTheDomainTheFieldTheExpectedAndTheActual() {
        assertThatThrownBy(() -> write(out -> {
            valid(out, 2);
            out.floating("price", 19.99);
        })).isInstanceOf(SchemaViolationException.class).hasMessage(
                "Record of domain 'shop' violates its schema at field 'price': expected decimal(6,2), written floating")
                .satisfies(e -> {
                    SchemaViolationException violation = (SchemaViolationException) e;
                    assertThat(violation.domain()).isEqualTo("shop");
                    assertThat(violation.field()).isEqualTo("price");
                    assertThat(violation.expected()).isEqualTo("decimal(6,2)");
                    assertThat(violation.actual()).isEqualTo("floating");
                });
        assertThatThrownBy(() -> write(out -> {
            valid(out, 2);
            out.decimal("price", 1999, 3);
        })).hasMessageContaining("at field 'price': expected decimal(6,2), written decimal with scale 3");
        assertThatThrownBy(() -> write(out -> {
            valid(out, 2);
            out.decimal("price", 100_000_00, 2);
        })).hasMessageContaining("written decimal 100000.00 (more than 6 digits)");
        assertThatThrownBy(() -> write(out -> out.string("id", "nope")))
                .hasMessageContaining("at field 'id': expected uuid, written string 'nope'");
        assertThatThrownBy(() -> write(out -> {
            valid(out, 1);
            out.integer("count", 1L << 33);
        })).hasMessageContaining("at field 'count': expected int, written integer 8589934592 (out of 32-bit range)");
        assertThatThrownBy(() -> write(out -> {
            valid(out, 1);
            out.nullValue("count");
        })).hasMessageContaining("at field 'count': expected int (not nullable), written null");
        assertThatThrownBy(() -> write(out -> {
            valid(out, 1);
            out.string("colour", "red");
        })).hasMessageContaining("at field 'colour': expected field 'count' next, written an unknown field");
        assertThatThrownBy(() -> write(out -> {
            valid(out, 1);
            out.decimal("price", 1, 2);
        })).hasMessageContaining("at field 'price': expected field 'count' next, written 'price' out of order");
        assertThatThrownBy(() -> write(out -> valid(out, 6)))
                .hasMessageContaining("at field 'tags': expected list<string>, written no value (missing field)");
        assertThatThrownBy(() -> write(out -> {
            valid(out, 7);
            out.bool("extra", true);
        })).hasMessageContaining("at field 'extra': expected no more fields in 'shop', written an unknown field");
        assertThatThrownBy(() -> write(out -> {
            valid(out, 5);
            out.beginObject("address");
            out.integer("city", 1);
        })).hasMessageContaining("at field 'address.city': expected string, written integer");
        assertThatThrownBy(() -> write(out -> {
            valid(out, 6);
            out.beginList("tags");
            out.string(null, null);
        })).hasMessageContaining("at field 'tags[]': expected string (list elements are never null), written null");
        assertThatThrownBy(() -> write(out -> {
            valid(out, 6);
            out.beginList("tags");
            out.integer(null, 1);
        })).hasMessageContaining("at field 'tags[]': expected string, written integer");
    }

    /** Ignores every call. */
    private static class FieldWriterAdapter implements FieldWriter {
        @Override
        public void string(String name, String value) {
        }

        @Override
        public void integer(String name, long value) {
        }

        @Override
        public void floating(String name, double value) {
        }

        @Override
        public void decimal(String name, long unscaled, int scale) {
        }

        @Override
        public void timestamp(String name, long epochMicros) {
        }

        @Override
        public void date(String name, int epochDay) {
        }

        @Override
        public void beginList(String name) {
        }

        @Override
        public void endList() {
        }

        @Override
        public void bool(String name, boolean value) {
        }

        @Override
        public void nullValue(String name) {
        }

        @Override
        public void beginObject(String name) {
        }

        @Override
        public void endObject() {
        }
    }
}
