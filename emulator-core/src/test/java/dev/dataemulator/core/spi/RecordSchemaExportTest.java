package dev.dataemulator.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.testing.CounterDomain;
import dev.dataemulator.core.testing.EveryTypeDomain;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema.Type;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RecordSchemaExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new CounterDomain(), new EveryTypeDomain());
    private static final SchemaRegistry VALIDATORS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                    .build()));

    @Test
    void avroSchemaParsesWithTheLogicalTypesTheIssueNames() {
        org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser()
                .parse(EveryTypeDomain.SCHEMA.toAvroSchema(false));
        assertThat(avro.getFullName()).isEqualTo("dev.dataemulator.records.every_type");
        assertThat(avro.getField("id").schema().getLogicalType()).isEqualTo(LogicalTypes.uuid());
        assertThat(avro.getField("id").doc()).isEqualTo("the record's id");
        assertThat(avro.getField("small").schema().getType()).isEqualTo(Type.INT);
        assertThat(avro.getField("amount").schema().getType()).isEqualTo(Type.BYTES);
        assertThat(avro.getField("amount").schema().getLogicalType()).isEqualTo(LogicalTypes.decimal(12, 2));
        assertThat(avro.getField("at").schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMicros());
        assertThat(avro.getField("day").schema().getLogicalType()).isEqualTo(LogicalTypes.date());
        org.apache.avro.Schema maybe = avro.getField("maybe").schema();
        assertThat(maybe.getType()).isEqualTo(Type.UNION);
        assertThat(maybe.getTypes()).extracting(org.apache.avro.Schema::getType)
                .containsExactly(Type.NULL, Type.STRING);
        assertThat(avro.getField("maybe").hasDefaultValue()).isTrue();
        assertThat(avro.getField("maybe").defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
        assertThat(avro.getField("extra").schema().getTypes().get(1).getField("score").schema().getLogicalType())
                .isEqualTo(LogicalTypes.decimal(5, 4));
        org.apache.avro.Schema lines = avro.getField("lines").schema();
        assertThat(lines.getType()).isEqualTo(Type.ARRAY);
        assertThat(lines.getElementType().getFullName()).isEqualTo("dev.dataemulator.records.line");
    }

    @Test
    void avroEnvelopeWrapsTheRecordAsTheSeedDoes() {
        org.apache.avro.Schema envelope = new org.apache.avro.Schema.Parser()
                .parse(CounterDomain.SCHEMA.toAvroSchema(true));
        assertThat(envelope.getFields()).extracting(org.apache.avro.Schema.Field::name)
                .containsExactly("emulation_id", "timestamp", "data");
        assertThat(envelope.getField("timestamp").schema().getType()).isEqualTo(Type.LONG);
        assertThat(envelope.getField("data").schema().getField("nested").schema().getField("now").schema()
                .getType()).isEqualTo(Type.LONG);
    }

    @Test
    void twoDifferentStructsWithOneNameGetDistinctAvroNamesAndEqualOnesAreReused() {
        RecordSchema a = RecordSchema.builder("part").required("x", FieldType.LONG).build();
        RecordSchema b = RecordSchema.builder("part").required("y", FieldType.STRING).build();
        RecordSchema schema = RecordSchema.builder("whole")
                .required("first", FieldType.struct(a))
                .required("again", FieldType.struct(a))
                .required("other", FieldType.struct(b))
                .build();
        org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse(schema.toAvroSchema(true));
        org.apache.avro.Schema data = avro.getField("data").schema();
        assertThat(data.getField("first").schema()).isSameAs(data.getField("again").schema());
        assertThat(data.getField("other").schema().getName()).isEqualTo("part_2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"counter", EveryTypeDomain.NAME})
    void jsonSchemaValidatesTenThousandRecordsWithAndWithoutTheEnvelope(String domain) throws Exception {
        RecordSchema schema = DOMAINS.schema(domain);
        for (boolean envelope : new boolean[] {true, false}) {
            Schema validator = VALIDATORS.getSchema(schema.toJsonSchema(envelope));
            List<EmulatedRecord> records = Fixtures.of(domain).registry(DOMAINS).seed(5).envelope(envelope)
                    .records(10_000);
            assertThat(records).hasSize(10_000);
            for (EmulatedRecord record : records) {
                assertThat(validator.validate(JSON.readTree(record.json()))).as(record.jsonString()).isEmpty();
            }
        }
    }

    @Test
    void jsonSchemaRejectsAWrongTypeAMissingFieldAnExtraFieldAndABadFormat() throws Exception {
        Schema validator = VALIDATORS.getSchema(EveryTypeDomain.SCHEMA.toJsonSchema(false));
        ObjectNode good = (ObjectNode) JSON.readTree(Fixtures.of(EveryTypeDomain.NAME).registry(DOMAINS)
                .envelope(false).records(1).get(0).json());
        assertThat(validator.validate(good)).isEmpty();
        assertThat(validator.validate(good.deepCopy().put("amount", "12.50"))).isNotEmpty();
        assertThat(validator.validate(good.deepCopy().put("small", 1L << 40))).isNotEmpty();
        assertThat(validator.validate(good.deepCopy().put("at", "yesterday"))).isNotEmpty();
        assertThat(validator.validate(good.deepCopy().put("id", "not-a-uuid"))).isNotEmpty();
        assertThat(validator.validate(good.deepCopy().putNull("flag"))).isNotEmpty();
        assertThat(validator.validate(good.deepCopy().put("surprise", 1))).isNotEmpty();
        ObjectNode missing = good.deepCopy();
        missing.remove("seq");
        assertThat(validator.validate(missing)).isNotEmpty();
        assertThat(validator.validate(good.deepCopy().putNull("maybe"))).isEmpty();
        JsonNode tags = good.deepCopy().set("tags", JSON.createArrayNode().add(1));
        assertThat(validator.validate(tags)).isNotEmpty();
    }

    @Test
    void fieldNamesMustBeIdentifiersThatEveryFormatAccepts() {
        assertThatThrownBy(() -> RecordSchema.builder("user-profile").required("date-of-birth", FieldType.DATE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad field name 'date-of-birth'");
        assertThatThrownBy(() -> RecordSchema.builder("r").required("a", FieldType.LONG).optional("a",
                FieldType.STRING)).hasMessageContaining("duplicate field 'a' in record 'r'");
    }
}
