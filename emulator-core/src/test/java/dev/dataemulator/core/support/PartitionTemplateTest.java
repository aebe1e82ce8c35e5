package dev.dataemulator.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.Fixtures;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.DeliveryTracker;
import dev.dataemulator.core.spi.FieldType;
import dev.dataemulator.core.spi.FieldWriter;
import dev.dataemulator.core.spi.RecordData;
import dev.dataemulator.core.spi.RecordSchema;
import dev.dataemulator.core.support.SinkConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionTemplateTest {
    private static final RecordSchema SCHEMA = RecordSchema.builder("trip")
            .required("created_at", FieldType.TIMESTAMP)
            .required("day", FieldType.DATE)
            .optional("city", FieldType.STRING)
            .required("amount", FieldType.decimal(8, 2))
            .required("place", FieldType.struct(RecordSchema.builder("place").required("zone", FieldType.INT).build()))
            .required("tags", FieldType.list(FieldType.STRING))
            .build();
    private static final long CREATED = Instant.parse("2026-11-30T14:05:09Z").getEpochSecond() * 1_000_000L;

    private static EmulatedRecord record(String city, RecordSchema schema) {
        RecordData data = new RecordData() {
            @Override
            public String key() {
                return "k";
            }

            @Override
            public void writeFields(FieldWriter out) {
                out.timestamp("created_at", CREATED);
                out.date("day", (int) LocalDate.parse("2026-12-24").toEpochDay());
                out.string("city", city);
                out.decimal("amount", 1250, 2);
                out.beginObject("place");
                out.integer("zone", 7);
                out.endObject();
                out.beginList("tags");
                out.string(null, "ignored");
                out.endList();
            }
        };
        DeliveryTracker none = DeliveryTracker.none();
        return Fixtures.record(data).emulationId("run-1").domain("trip").seq(3).timestamp(1_700_000_000L)
                .json("{}".getBytes(StandardCharsets.UTF_8)).tracker(none).schema(schema).build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "dt={created_at:yyyy-MM-dd}/hour={created_at:HH}|dt=2026-11-30/hour=14",
        "d={day:yyyy/MM}|d=2026%2F12",
        "city={city}/zone={place.zone}|city=Lyon %3D %22old%22/zone=7",
        "amount={amount}/t={record_time:yyyyMMdd}|amount=12.50/t=20231114",
        "ts={created_at}|ts=2026-11-30T14%3A05%3A09Z"})
    void makesHiveStylePathsFromRecordFieldsAndTime(String template, String path) {
        assertThat(PartitionTemplate.parse("partition_by", template).path(record("Lyon = \"old\"", SCHEMA)))
                .isEqualTo(path);
    }

    @Test
    void aNullValueIsHivesDefaultPartition() {
        assertThat(PartitionTemplate.parse("partition_by", "city={city}").path(record(null, SCHEMA)))
                .isEqualTo("city=__HIVE_DEFAULT_PARTITION__");
    }

    @Test
    void schemaFreeRecordsAreCheckedWhenTheyArrive() {
        assertThat(PartitionTemplate.parse("partition_by", "h={created_at:HH}").path(record("x", null)))
                .isEqualTo("h=14");
        assertThatThrownBy(() -> PartitionTemplate.parse("partition_by", "c={country}").path(record("x", null)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'partition_by' = 'c={country}'")
                .hasMessageContaining("field 'country' is not a field of domain 'trip'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "dt={created_at:yyyy-MM-dd|is never closed",
        "dt=created_at}|closes no placeholder",
        "dt=2026|names no field",
        "dt={created_at:yyyy-MM-dd-qqqqqqq}|bad date pattern 'yyyy-MM-dd-qqqqqqq'",
        "dt={created_at:bbb}|bad date pattern 'bbb'",
        "dt={:yyyy}|names no field",
        "a//b={city}|path segment",
        "../{city}|path segment"})
    void aBadTemplateIsATypedErrorNamingSettingAndValue(String template, String reason) {
        assertThatThrownBy(() -> PartitionTemplate.parse("partition_by", template))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'partition_by' = '" + template + "'")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "c={country}|field 'country' is not a field of domain 'trip' (fields: [created_at, day, city, amount, place, tags])",
        "z={place.floor}|field 'place.floor' is not a field",
        "t={tags}|is a list<string>, not a single value",
        "c={city:yyyy}|applies to timestamp and date fields but field 'city'",
        "h={day:HH}|needs a time but field 'day' of domain 'trip' is a date"})
    void aTemplateThatDoesNotFitTheSchemaIsATypedError(String template, String reason) {
        PartitionTemplate parsed = PartitionTemplate.parse("partition_by", template);
        assertThatThrownBy(() -> parsed.path(record("x", SCHEMA)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("'partition_by' = '" + template + "'")
                .hasMessageContaining(reason);
    }

    @Test
    void objectKeysPutThePartitionBeforeTheEmulationId() {
        ObjectKeys keys = new ObjectKeys("/lake/raw/", "parquet", false);
        assertThat(keys.part("trip", "dt=2026-11-30/hour=14", "run-1", 3))
                .isEqualTo("lake/raw/trip/dt=2026-11-30/hour=14/run-1/part-000003.parquet");
        assertThat(keys.part("trip", "", "run-1", 3)).isEqualTo("lake/raw/trip/run-1/part-000003.parquet");
        assertThat(new ObjectKeys(null, "jsonl", true).record("trip", "", "run-1", 42))
                .isEqualTo("trip/run-1/record-000000000042.jsonl.gz");
    }
}
