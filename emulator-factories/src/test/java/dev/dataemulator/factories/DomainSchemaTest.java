package dev.dataemulator.factories;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.support.SchemaValidator;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled domains declare exact schemas: every record matches, and the exports describe what is emitted. */
class DomainSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DomainRegistry DOMAINS = DomainRegistry.of(new TransactionProvider(),
            new UserProfileProvider(), new DeviceLogProvider());
    private static final SchemaRegistry VALIDATORS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                    .build()));

    @ParameterizedTest
    @ValueSource(strings = {"transaction", "user-profile", "device-log"})
    void aHundredThousandRecordsOfEachBundledDomainMatchItsSchema(String domain) {
        RecordSchema schema = DOMAINS.schema(domain);
        SchemaValidator validator = SchemaValidator.of(domain, schema);
        // user-profile holds one profile per user: the default user space has 9000
        Fixtures.Stream stream = Fixtures.of(domain).registry(DOMAINS).seed(3).clock(Generated.CLOCK)
                .option(FactoryOptions.USER_ID_MAX, "200000").stream();
        for (long seq = 0; seq < 100_000; seq++) {
            EmulatedRecord record = stream.record(seq);
            assertThat(record.schema()).containsSame(record.schema().orElseThrow());
            validator.validate(record.data());
        }
    }

    @Test
    void transactionsWithoutLabelsHaveASchemaWithoutTheLabelFields() {
        var generator = Generated.open(new TransactionProvider(), 1, Map.of(FactoryOptions.LABELS, "false"));
        RecordSchema schema = generator.schema().orElseThrow();
        assertThat(schema.field("is_fraud")).isEmpty();
        assertThat(schema.field("fraud_scenario")).isEmpty();
        SchemaValidator validator = SchemaValidator.of("transaction", schema);
        var factory = generator.newFactory();
        for (long seq = 0; seq < 10_000; seq++) {
            validator.validate(factory.create(seq, new java.util.SplittableRandom(seq)));
        }
    }

    @Test
    void typesAreExactWhereTheValuesAre() {
        RecordSchema transaction = DOMAINS.schema("transaction");
        assertThat(transaction.field("transaction_id").orElseThrow().type()).isEqualTo(FieldType.UUID);
        assertThat(transaction.field("amount").orElseThrow().type()).isEqualTo(FieldType.decimal(12, 2));
        assertThat(transaction.field("timestamp").orElseThrow().type()).isEqualTo(FieldType.TIMESTAMP);
        assertThat(transaction.field("fraud_scenario").orElseThrow().nullable()).isTrue();
        assertThat(transaction.field("is_fraud").orElseThrow().nullable()).isFalse();
        RecordSchema profile = DOMAINS.schema("user-profile");
        assertThat(profile.field("date_of_birth").orElseThrow().type()).isEqualTo(FieldType.DATE);
        assertThat(profile.field("credit_score").orElseThrow().type()).isEqualTo(FieldType.decimal(5, 2));
        RecordSchema log = DOMAINS.schema("device-log");
        assertThat(log.field("logout_timestamp").orElseThrow().nullable()).isTrue();
        assertThat(log.field("device_id").orElseThrow().type()).isEqualTo(FieldType.UUID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"transaction", "user-profile", "device-log"})
    void jsonSchemaValidatesTenThousandEmittedRecordsAndRejectsAWrongType(String domain) throws Exception {
        RecordSchema schema = DOMAINS.schema(domain);
        for (boolean envelope : new boolean[] {true, false}) {
            Schema validator = VALIDATORS.getSchema(schema.toJsonSchema(envelope));
            List<EmulatedRecord> records = Fixtures.of(domain).registry(DOMAINS).seed(8).envelope(envelope)
                    .option(FactoryOptions.USER_ID_MAX, "200000").records(10_000);
            assertThat(records).hasSize(10_000);
            for (EmulatedRecord record : records) {
                assertThat(validator.validate(JSON.readTree(record.json()))).as(record.jsonString()).isEmpty();
            }
            ObjectNode wrong = (ObjectNode) JSON.readTree(records.get(0).json());
            ObjectNode data = envelope ? (ObjectNode) wrong.get("data") : wrong;
            data.put("user_id", "1234");
            assertThat(validator.validate(wrong)).isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"transaction", "user-profile", "device-log"})
    void avroSchemaParses(String domain) {
        org.apache.avro.Schema envelope = new org.apache.avro.Schema.Parser()
                .parse(DOMAINS.schema(domain).toAvroSchema(true));
        org.apache.avro.Schema data = envelope.getField("data").schema();
        assertThat(data.getFields()).hasSize(DOMAINS.schema(domain).size());
        if (domain.equals("transaction")) {
            assertThat(data.getField("amount").schema().getLogicalType()).isEqualTo(LogicalTypes.decimal(12, 2));
            assertThat(data.getField("fraud_scenario").schema().getTypes().get(0).getType())
                    .isEqualTo(org.apache.avro.Schema.Type.NULL);
        }
    }
}
