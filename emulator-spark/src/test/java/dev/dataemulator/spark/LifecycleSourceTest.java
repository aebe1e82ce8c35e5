package dev.dataemulator.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dataemulator.core.DomainRegistry;
import dev.dataemulator.core.EmulatedRecord;
import dev.dataemulator.core.EmulationReport;
import dev.dataemulator.core.EmulationRunner;
import dev.dataemulator.core.EmulationSpec;
import dev.dataemulator.core.EventTime;
import dev.dataemulator.core.InvalidSettingException;
import dev.dataemulator.core.spi.DomainProvider;
import dev.dataemulator.core.support.MemorySyncProducer;
import dev.dataemulator.declarative.Snapshots;
import dev.dataemulator.factories.UserProfileProvider;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The source serves a lifecycle domain: the bundled {@code user-profile} with {@code lifecycle=true} as its change
 * stream (row and Debezium shapes) and as its snapshot ({@code snapshot.at}), the same records as the runner.
 */
class LifecycleSourceTest {
    private static final long SEED = 5;
    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse(EmulatorDataSourceTest.INSTANT);
    private static final Instant AT = Instant.parse("2025-06-01T00:00:00Z");
    /** 600 users, created over the two years before the clock: the backfill holds them all. */
    private static final Map<String, String> OPTIONS = Map.of("lifecycle", "true", "user_id_max", "1599");
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = SharedSpark.session();
    }

    private static DataFrameReader reader() {
        DataFrameReader reader = spark.read().format("emulator").option("domain", "user-profile")
                .option("seed", SEED).option("clock.instant", EmulatorDataSourceTest.INSTANT)
                .option("event.time.backfill", FROM + ".." + TO).option("partitions", 3);
        OPTIONS.forEach((key, value) -> reader.option("domain." + key, value));
        return reader;
    }

    private static List<EmulatedRecord> runner(DomainProvider domain, Map<String, String> extra) {
        MemorySyncProducer sink = new MemorySyncProducer();
        EmulationSpec.Builder spec = EmulationSpec.builder()
                .registry(DomainRegistry.builder().register(domain).build()).domain(domain.name())
                .sink(sink).threads(2).seed(SEED).envelope(false).id("spark")
                .clock(Clock.fixed(TO, ZoneOffset.UTC)).eventTime(EventTime.backfill(FROM, TO));
        OPTIONS.forEach(spec::domainOption);
        extra.forEach(spec::domainOption);
        EmulationReport report = EmulationRunner.run(spec.build());
        assertThat(report.failure()).isEmpty();
        return sink.records().stream().sorted(Comparator.comparingLong(EmulatedRecord::seq)).toList();
    }

    private static void assertSameRows(List<Row> rows, List<EmulatedRecord> records) {
        assertThat(rows).hasSameSizeAs(records);
        List<Map<String, Object>> expected = new ArrayList<>();
        records.forEach(record -> expected.add(EmulatorDataSourceTest.expected(record.dataAsMap(),
                rows.get(0).schema())));
        List<Map<String, Object>> actual = new ArrayList<>();
        rows.forEach(row -> actual.add(EmulatorDataSourceTest.normalize(row)));
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void theChangeStreamEndsAtTheBackfillsEndWithTheRunnersChangesInBothShapes() {
        List<EmulatedRecord> changes = runner(new UserProfileProvider(), Map.of());
        List<Row> rows = reader().load().collectAsList();
        assertThat(changes).hasSizeGreaterThan(1_500); // 600 creates and the changes of two years
        assertThat(rows.get(0).schema().fieldNames()).endsWith("status", "updated_at", "__op", "__version");
        assertSameRows(rows, changes);

        List<EmulatedRecord> events = runner(new UserProfileProvider(), Map.of("change_format", "debezium"));
        List<Row> eventRows = reader().option("domain.change_format", "debezium").load().collectAsList();
        assertThat(eventRows.get(0).schema().fieldNames()).containsExactly("before", "after", "source", "op", "ts_ms");
        assertSameRows(eventRows, events);
    }

    @Test
    void snapshotAtReadsTheTableTheChangesLeaveAsTheRunnerMakesIt() {
        List<EmulatedRecord> table = runner(Snapshots.at(new UserProfileProvider(), AT), Map.of());
        List<Row> rows = reader().option("snapshot.at", AT.toString()).load().collectAsList();
        assertThat(table).hasSizeBetween(300, 599); // most of the 600 users created by then, some closed
        assertThat(rows.get(0).schema().fieldNames()).endsWith("updated_at", "__version").doesNotContain("__op");
        assertSameRows(rows, table);
    }

    @Test
    void badSnapshotOptionsNameTheOption() {
        assertThatThrownBy(() -> reader().option("snapshot.at", "yesterday").load())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("snapshot.at")
                .hasMessageContaining("yesterday");
        assertThatThrownBy(() -> reader().option("snapshot.at", TO.toString()).load())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("snapshot.at")
                .hasMessageContaining("must be before the end of event.time.backfill");
        assertThatThrownBy(() -> spark.read().format("emulator").option("domain", "transaction")
                .option("snapshot.at", AT.toString()).load())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("domain")
                .hasMessageContaining("a declarative domain with a lifecycle");
    }
}
