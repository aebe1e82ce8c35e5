package dev.dataemulator.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EmulationStatus;
import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.Fixtures;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema drift into an Iceberg table: the sink evolves the table at the version change (the renamed column keeps
 * its field id, the dropped one goes, the added one gets a new id), the data files written after it carry the new
 * field ids, and every record reads back under the current schema with each file's columns found by field id (the
 * files the table's own scan lists, read by DuckDB: Iceberg's generic Parquet reader needs Hadoop on the class path).
 */
class IcebergDriftTest {
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant AT = Instant.parse("2026-01-15T00:00:00Z");

    @TempDir
    Path warehouse;

    /** @return each column name of a Parquet data file with its field id, as the file's footer holds them */
    private static Map<String, Integer> fieldIds(Statement duck, String file) throws Exception {
        Map<String, Integer> ids = new LinkedHashMap<>();
        try (ResultSet rs = duck.executeQuery("SELECT name, field_id FROM parquet_schema('" + file + "') "
                + "WHERE num_children IS NULL OR num_children = 0")) {
            while (rs.next()) {
                ids.put(rs.getString(1), rs.getInt(2));
            }
        }
        return ids;
    }

    @Test
    void theTableEvolvesByFieldIdAndEveryRecordReadsBackUnderTheNewSchema() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("warehouse", warehouse.toString());
        config.put("commit_interval", "200ms");
        config.put("partition_by", "identity(currency)");
        EmulationSpec spec = EmulationSpec.builder().domain("transaction").resource("transactions").envelope(false)
                .sink("iceberg", config).threads(2).seed(42).id("drift")
                .eventTime(EventTime.backfill(FROM, Instant.parse("2026-02-01T00:00:00Z"))).ratePerSecond(1.0 / 2700)
                .fault("drift.at", AT.toString()).fault("drift.drop", "fraud_scenario")
                .fault("drift.rename.amount", "amount_eur").fault("drift.add.channel", "{one_of: [web, app]}")
                .build();

        EmulationReport report = EmulationRunner.run(spec);

        assertThat(report.status()).as(report.toString()).isEqualTo(EmulationStatus.COMPLETED);
        long delivered = report.stats().delivered();
        assertThat(delivered).isGreaterThan(900);
        Table table = IcebergSinkTest.table(warehouse);
        Schema first = table.schemas().values().stream().min((a, b) -> a.schemaId() - b.schemaId()).orElseThrow();
        Schema current = table.schema();
        assertThat(table.schemas()).hasSize(2);
        assertThat(first.columns()).extracting(Types.NestedField::name).containsExactly("transaction_id", "user_id",
                "amount", "currency", "merchant", "timestamp", "location", "is_fraud", "fraud_scenario");
        assertThat(current.columns()).extracting(Types.NestedField::name).containsExactly("transaction_id",
                "user_id", "amount_eur", "currency", "merchant", "timestamp", "location", "is_fraud", "channel");
        // renamed by id; the added column is new and optional (the files before the change hold no value for it)
        assertThat(current.findField("amount_eur").fieldId()).isEqualTo(first.findField("amount").fieldId());
        assertThat(current.findField("channel").fieldId()).isGreaterThan(first.highestFieldId());
        assertThat(current.findField("channel").isOptional()).isTrue();

        // every data file holds one version, with that version's field ids
        int before = 0;
        int after = 0;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement duck = connection.createStatement();
                CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                Map<String, Integer> ids = fieldIds(duck, task.file().location());
                Schema version = ids.containsKey("channel") ? current : first;
                Map<String, Integer> expected = new LinkedHashMap<>();
                version.columns().forEach(column -> expected.put(column.name(), column.fieldId()));
                assertThat(ids).as(task.file().location()).isEqualTo(expected);
                before += version == first ? 1 : 0;
                after += version == current ? 1 : 0;
            }
        }
        assertThat(before).isPositive();
        assertThat(after).isPositive();

        // every record under the current schema, each file's columns found by field id as Iceberg's readers do;
        // the fixtures carry the spec's drift, so a record from AT on has the new version's names
        Map<UUID, EmulatedRecord> clean = new HashMap<>();
        for (EmulatedRecord record : Fixtures.like(spec, "drift", 42).records((int) delivered)) {
            clean.put(UUID.fromString((String) record.dataAsMap().get("transaction_id")), record);
        }
        List<Object[]> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement duck = connection.createStatement();
                CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                Map<Integer, String> byId = new HashMap<>();
                fieldIds(duck, task.file().location()).forEach((name, id) -> byId.put(id, name));
                List<String> select = new ArrayList<>();
                for (String column : List.of("transaction_id", "amount_eur", "channel", "fraud_scenario")) {
                    Types.NestedField field = current.findField(column);
                    String name = field == null ? null : byId.get(field.fieldId());
                    select.add(name == null ? "NULL" : "\"" + name + "\"");
                }
                try (ResultSet rs = duck.executeQuery("SELECT " + String.join(", ", select) + " FROM read_parquet('"
                        + task.file().location() + "')")) {
                    while (rs.next()) {
                        rows.add(new Object[] {rs.getObject(1), rs.getBigDecimal(2), rs.getString(3), rs.getObject(4)});
                    }
                }
            }
        }
        assertThat(rows).hasSize((int) delivered);
        int drifted = 0;
        for (Object[] row : rows) {
            EmulatedRecord record = clean.remove(UUID.fromString(row[0].toString()));
            assertThat(record).isNotNull();
            assertThat(row[3]).as("the dropped column is no column of the table").isNull();
            if (record.eventTime().isBefore(AT)) {
                assertThat((BigDecimal) row[1]).isEqualTo(record.dataAsMap().get("amount"));
                assertThat(row[2]).isNull();
            } else {
                assertThat((BigDecimal) row[1]).isEqualTo(record.dataAsMap().get("amount_eur"));
                assertThat(row[2]).isIn("web", "app").isEqualTo(record.dataAsMap().get("channel"));
                drifted++;
            }
        }
        assertThat(clean).isEmpty();
        assertThat(drifted).isBetween(rows.size() / 3, rows.size() * 2 / 3);
    }
}
